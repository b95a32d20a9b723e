package dev.keel.reconciler.replicaset;

import java.util.List;

/** The status a ReplicaSet or ReplicationController reports, in one shape for both kinds. */
public record ReplicaStatus(int replicas, int fullyLabeledReplicas, int readyReplicas, int availableReplicas,
        Long observedGeneration, List<ReplicaCondition> conditions) {

    public ReplicaStatus {
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
    }
}
