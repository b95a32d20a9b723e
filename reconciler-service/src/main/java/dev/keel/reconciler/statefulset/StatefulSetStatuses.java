package dev.keel.reconciler.statefulset;

import dev.keel.reconciler.workload.Pods;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import java.time.Instant;
import java.util.List;

/**
 * A StatefulSet's status from its pods, in the fields kubectl reads: {@code kubectl rollout status} waits for
 * observedGeneration, readyReplicas == replicas, updatedReplicas (above the partition), and for currentRevision to
 * reach updateRevision; the current revision moves forward once every pod is updated and ready.
 */
public final class StatefulSetStatuses {

    private StatefulSetStatuses() {
    }

    public static StatefulSetStatus compute(StatefulSet set, List<Pod> pods, String currentRevision, String updateRevision,
            Instant now) {
        int minReadySeconds = set.getSpec().getMinReadySeconds() == null ? 0 : set.getSpec().getMinReadySeconds();
        int replicas = 0;
        int ready = 0;
        int available = 0;
        int current = 0;
        int updated = 0;
        for (Pod pod : pods) {
            replicas++;
            boolean running = pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase());
            if (running && Pods.isReady(pod)) {
                ready++;
                if (Pods.isAvailable(pod, minReadySeconds, now)) {
                    available++;
                }
            }
            if (pod.getMetadata().getDeletionTimestamp() == null) {
                String revision = pod.getMetadata().getLabels() == null ? null
                        : pod.getMetadata().getLabels().get(StatefulPods.REVISION_LABEL);
                if (currentRevision.equals(revision)) {
                    current++;
                }
                if (updateRevision.equals(revision)) {
                    updated++;
                }
            }
        }
        int wanted = set.getSpec().getReplicas() == null ? 1 : set.getSpec().getReplicas();
        String effectiveCurrent = currentRevision;
        int effectiveCurrentReplicas = current;
        // The rollout is complete: the update revision becomes the current one.
        if (updated == wanted && ready == wanted && replicas == wanted) {
            effectiveCurrent = updateRevision;
            effectiveCurrentReplicas = updated;
        }
        return new StatefulSetStatusBuilder()
                .withObservedGeneration(set.getMetadata().getGeneration())
                .withReplicas(replicas)
                .withReadyReplicas(ready)
                .withAvailableReplicas(available)
                .withCurrentReplicas(effectiveCurrentReplicas)
                .withUpdatedReplicas(updated)
                .withCurrentRevision(effectiveCurrent)
                .withUpdateRevision(updateRevision)
                .withCollisionCount(set.getStatus() == null ? null : set.getStatus().getCollisionCount())
                .withConditions(set.getStatus() == null ? null : set.getStatus().getConditions())
                .build();
    }
}
