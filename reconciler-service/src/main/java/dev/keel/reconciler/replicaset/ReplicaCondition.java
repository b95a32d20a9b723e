package dev.keel.reconciler.replicaset;

/** A condition of a ReplicaSet or ReplicationController status; both kinds carry the same fields. */
public record ReplicaCondition(String type, String status, String reason, String message, String lastTransitionTime) {
}
