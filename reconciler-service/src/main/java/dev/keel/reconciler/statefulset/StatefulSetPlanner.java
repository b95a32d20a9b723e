package dev.keel.reconciler.statefulset;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Decides the next steps of a StatefulSet from its pods, as Kubernetes' StatefulSet control does. With OrderedReady
 * ({@code monotonic}) one step at a time: ordinal i is created only when 0..i-1 are Running and Ready, scale-down
 * removes the highest ordinal first and only when the rest are healthy. With Parallel, creations and deletions happen
 * together. A rolling update replaces pods from the highest ordinal down to the partition, one at a time, waiting for
 * each to be healthy again, in both modes.
 */
public final class StatefulSetPlanner {

    private StatefulSetPlanner() {
    }

    /**
     * @param replicas       spec.replicas
     * @param monotonic      podManagementPolicy OrderedReady
     * @param rollingUpdate  updateStrategy RollingUpdate (else OnDelete)
     * @param partition      rollingUpdate.partition: ordinals below it keep their revision
     * @param updateRevision the revision of the current template
     * @param pods           the set's pods by ordinal, including ordinals at or above {@code replicas}
     */
    public static List<StatefulSetAction> plan(int replicas, boolean monotonic, boolean rollingUpdate, int partition,
            String updateRevision, Map<Integer, Replica> pods) {
        List<StatefulSetAction> actions = new ArrayList<>();
        // Finished pods are replaced: deleted here, created again on a later pass.
        for (int ordinal = 0; ordinal < replicas; ordinal++) {
            Replica pod = pods.get(ordinal);
            if (pod != null && pod.finished() && !pod.terminating()) {
                actions.add(StatefulSetAction.delete(ordinal));
                if (monotonic) {
                    return actions;
                }
            }
        }
        for (int ordinal = 0; ordinal < replicas; ordinal++) {
            Replica pod = pods.get(ordinal);
            if (pod == null) {
                actions.add(StatefulSetAction.create(ordinal));
                if (monotonic) {
                    return actions;
                }
            } else if (monotonic && !pod.healthy()) {
                return actions;
            }
        }
        List<Replica> condemned = pods.values().stream()
                .filter(pod -> pod.ordinal() >= replicas)
                .sorted(Comparator.comparingInt(Replica::ordinal).reversed())
                .toList();
        for (Replica pod : condemned) {
            if (pod.terminating()) {
                if (monotonic) {
                    return actions;
                }
                continue;
            }
            actions.add(StatefulSetAction.delete(pod.ordinal()));
            if (monotonic) {
                return actions;
            }
        }
        if (!rollingUpdate || !actions.isEmpty()) {
            return actions;
        }
        for (int ordinal = replicas - 1; ordinal >= Math.max(0, partition); ordinal--) {
            Replica pod = pods.get(ordinal);
            if (pod == null) {
                return actions;
            }
            if (!updateRevision.equals(pod.revision()) && !pod.terminating()) {
                actions.add(StatefulSetAction.delete(ordinal));
                return actions;
            }
            if (!pod.healthy()) {
                return actions;
            }
        }
        return actions;
    }
}
