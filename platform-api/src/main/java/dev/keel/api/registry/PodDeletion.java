package dev.keel.api.registry;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A pod on a node is deleted gracefully: marked for its grace period while the node stops its containers, and
 * removed once the node confirms (a grace period of 0). An unscheduled or finished pod has nothing to stop.
 */
final class PodDeletion implements DeletionRule {

    private static final long DEFAULT_GRACE_SECONDS = 30;

    @Override
    public long gracePeriodSeconds(JsonNode pod, Long requested) {
        JsonNode spec = pod.path("spec");
        String phase = pod.path("status").path("phase").asText("");
        // An unscheduled or finished pod has no containers to stop: it goes at once.
        if (spec.path("nodeName").asText("").isEmpty() || phase.equals("Succeeded") || phase.equals("Failed")) {
            return 0;
        }
        if (requested != null) {
            return requested;
        }
        return spec.path("terminationGracePeriodSeconds").asLong(DEFAULT_GRACE_SECONDS);
    }

    @Override
    public boolean awaitsConfirmation(JsonNode pod) {
        return pod.path("metadata").path("deletionGracePeriodSeconds").asLong(0) != 0
                && !pod.path("spec").path("nodeName").asText("").isEmpty();
    }
}
