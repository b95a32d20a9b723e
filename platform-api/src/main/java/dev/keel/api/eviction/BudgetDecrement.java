package dev.keel.api.eviction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.status.Statuses;
import java.time.Instant;
import java.util.function.Function;

/**
 * kube-apiserver's checkAndDecrement as a change of a budget's stored status: refuses (429) when the budget is not
 * current or allows no disruption, otherwise takes one disruption and records the pod in {@code disruptedPods}, so
 * the disruption controller does not count it healthy while it goes. Applied to a fresh read on every attempt, so a
 * conflicting write is retried against the budget as it then is.
 */
final class BudgetDecrement implements Function<ObjectNode, ObjectNode> {

    /** More recorded and not yet confirmed evictions than this and the budget refuses more (Kubernetes' bound). */
    static final int MAX_DISRUPTED_PODS = 2000;

    private final String podName;
    private final Instant now;

    BudgetDecrement(String podName, Instant now) {
        this.podName = podName;
        this.now = now;
    }

    @Override
    public ObjectNode apply(ObjectNode budget) {
        String name = budget.path("metadata").path("name").asText();
        JsonNode status = budget.path("status");
        if (status.path("observedGeneration").asLong(0) < budget.path("metadata").path("generation").asLong(0)) {
            throw EvictionStatuses.stillProcessing(name);
        }
        int allowed = status.path("disruptionsAllowed").asInt(0);
        if (allowed < 0) {
            throw Statuses.forbidden("policy", "poddisruptionbudget", name, "pdb disruptions allowed is negative");
        }
        if (status.path("disruptedPods").size() > MAX_DISRUPTED_PODS) {
            throw Statuses.forbidden("policy", "poddisruptionbudget", name,
                    "DisruptedPods map too big - too many evictions not confirmed by PDB controller");
        }
        if (allowed == 0) {
            throw EvictionStatuses.tooManyRequests("The disruption budget " + name + " needs "
                    + status.path("desiredHealthy").asInt(0) + " healthy pods and has " + status.path("currentHealthy").asInt(0)
                    + " currently", 0);
        }
        ObjectNode decremented = budget.deepCopy();
        ObjectNode newStatus = decremented.withObjectProperty("status");
        newStatus.put("disruptionsAllowed", allowed - 1);
        if (allowed - 1 == 0) {
            insufficientPods(newStatus, now);
        }
        newStatus.withObjectProperty("disruptedPods").put(podName, now.toString());
        return decremented;
    }

    /** The DisruptionAllowed condition once no disruption is left: False, InsufficientPods (pdbhelper's rule). */
    static void insufficientPods(ObjectNode status, Instant now) {
        ArrayNode conditions = status.withArrayProperty("conditions");
        long observed = status.path("observedGeneration").asLong(0);
        for (JsonNode existing : conditions) {
            if (existing.path("type").asText().equals("DisruptionAllowed")) {
                ObjectNode condition = (ObjectNode) existing;
                if (!condition.path("status").asText().equals("False")) {
                    condition.put("lastTransitionTime", now.toString());
                }
                condition.put("status", "False");
                condition.put("reason", "InsufficientPods");
                condition.put("observedGeneration", observed);
                return;
            }
        }
        ObjectNode condition = conditions.addObject();
        condition.put("type", "DisruptionAllowed");
        condition.put("status", "False");
        condition.put("observedGeneration", observed);
        condition.put("lastTransitionTime", now.toString());
        condition.put("reason", "InsufficientPods");
        condition.put("message", "");
    }
}
