package dev.keel.reconciler.replicaset;

import io.fabric8.kubernetes.api.model.apps.ReplicaSetCondition;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatusBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** The ReplicaFailure condition: set while creating or deleting pods fails, cleared once a pass succeeds. */
final class ReplicaFailureCondition {

    private ReplicaFailureCondition() {
    }

    static void apply(ReplicaSetStatusBuilder wanted, ReplicaSetStatus current, RuntimeException failure, Instant now) {
        List<ReplicaSetCondition> existing = current == null || current.getConditions() == null ? List.of() : current.getConditions();
        if (failure == null) {
            List<ReplicaSetCondition> kept = existing.stream().filter(c -> !"ReplicaFailure".equals(c.getType())).toList();
            wanted.withConditions(kept.isEmpty() ? null : kept);
            return;
        }
        ReplicaSetCondition previous = existing.stream().filter(c -> "ReplicaFailure".equals(c.getType())).findFirst().orElse(null);
        String message = failure.getMessage();
        ReplicaSetCondition condition = previous != null && message.equals(previous.getMessage())
                ? previous
                : new ReplicaSetConditionBuilder().withType("ReplicaFailure").withStatus("True").withReason("FailedCreate")
                        .withMessage(message).withLastTransitionTime(now.truncatedTo(ChronoUnit.SECONDS).toString()).build();
        List<ReplicaSetCondition> conditions = new ArrayList<>(existing.stream()
                .filter(c -> !"ReplicaFailure".equals(c.getType())).toList());
        conditions.add(condition);
        wanted.withConditions(conditions);
    }
}
