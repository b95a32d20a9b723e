package dev.keel.reconciler.replicaset;

import dev.keel.reconciler.workload.Pods;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;

/**
 * Which pods a scale-down removes first, as Kubernetes' ReplicaSet controller ranks them: unscheduled before
 * scheduled, pending before unknown before running, not ready before ready, the most recently ready first, more
 * restarts first, the newest first.
 */
final class PodDeletionOrder {

    private static final Map<String, Integer> PHASE_RANK = Map.of("Pending", 0, "Unknown", 1, "Running", 2);

    static final Comparator<Pod> LEAST_USEFUL_FIRST = Comparator
            .comparing((Pod pod) -> isScheduled(pod))
            .thenComparing(pod -> PHASE_RANK.getOrDefault(phase(pod), 0))
            .thenComparing(Pods::isReady)
            .thenComparing(pod -> Pods.readySince(pod).orElse(Instant.MIN), Comparator.reverseOrder())
            .thenComparing(Pods::restarts, Comparator.reverseOrder())
            .thenComparing(PodDeletionOrder::created, Comparator.reverseOrder());

    private PodDeletionOrder() {
    }

    private static boolean isScheduled(Pod pod) {
        return pod.getSpec().getNodeName() != null && !pod.getSpec().getNodeName().isEmpty();
    }

    private static String phase(Pod pod) {
        return pod.getStatus() == null || pod.getStatus().getPhase() == null ? "Pending" : pod.getStatus().getPhase();
    }

    private static Instant created(Pod pod) {
        String timestamp = pod.getMetadata().getCreationTimestamp();
        return timestamp == null ? Instant.MAX : Instant.parse(timestamp);
    }
}
