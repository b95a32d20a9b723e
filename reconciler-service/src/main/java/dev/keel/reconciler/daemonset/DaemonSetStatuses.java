package dev.keel.reconciler.daemonset;

import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatusBuilder;
import java.util.List;

/**
 * A DaemonSet's status, counted by node as Kubernetes does. {@code kubectl rollout status} waits for
 * observedGeneration, then for updatedNumberScheduled and numberAvailable to reach desiredNumberScheduled.
 */
public final class DaemonSetStatuses {

    private DaemonSetStatuses() {
    }

    public static DaemonSetStatus compute(DaemonSet set, List<NodeDaemons> nodes) {
        int desired = 0;
        int current = 0;
        int misscheduled = 0;
        int ready = 0;
        int available = 0;
        int updated = 0;
        for (NodeDaemons node : nodes) {
            boolean scheduled = node.pods().stream().anyMatch(pod -> !pod.failed());
            if (node.eligibility().shouldRun()) {
                desired++;
                if (scheduled) {
                    current++;
                    if (node.pods().stream().anyMatch(DaemonPod::ready)) {
                        ready++;
                    }
                    if (node.pods().stream().anyMatch(DaemonPod::available)) {
                        available++;
                    }
                    if (node.pods().stream().anyMatch(DaemonPod::updated)) {
                        updated++;
                    }
                }
            } else if (scheduled) {
                misscheduled++;
            }
        }
        return new DaemonSetStatusBuilder()
                .withObservedGeneration(set.getMetadata().getGeneration())
                .withDesiredNumberScheduled(desired)
                .withCurrentNumberScheduled(current)
                .withNumberMisscheduled(misscheduled)
                .withNumberReady(ready)
                .withNumberAvailable(available)
                .withNumberUnavailable(desired - available)
                .withUpdatedNumberScheduled(updated)
                .withCollisionCount(set.getStatus() == null ? null : set.getStatus().getCollisionCount())
                .withConditions(set.getStatus() == null ? null : set.getStatus().getConditions())
                .build();
    }
}
