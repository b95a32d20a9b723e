package dev.keel.reconciler.replicaset;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** The ReplicaFailure condition: set while creating or deleting pods fails, cleared once a pass succeeds. */
final class ReplicaFailureCondition {

    private ReplicaFailureCondition() {
    }

    /** The conditions {@code current} should have after a pass that failed with {@code failure} (or null). */
    static List<ReplicaCondition> apply(List<ReplicaCondition> current, RuntimeException failure, Instant now) {
        List<ReplicaCondition> others = current.stream().filter(c -> !"ReplicaFailure".equals(c.type())).toList();
        if (failure == null) {
            return others;
        }
        ReplicaCondition previous = current.stream().filter(c -> "ReplicaFailure".equals(c.type())).findFirst().orElse(null);
        String message = String.valueOf(failure.getMessage());
        ReplicaCondition condition = previous != null && message.equals(previous.message())
                ? previous
                : new ReplicaCondition("ReplicaFailure", "True", "FailedCreate", message,
                        now.truncatedTo(ChronoUnit.SECONDS).toString());
        List<ReplicaCondition> conditions = new ArrayList<>(others);
        conditions.add(condition);
        return conditions;
    }
}
