package dev.keel.reconciler.deployment;

import dev.keel.reconciler.workload.PodTemplates;
import dev.keel.runtime.reconcile.Result;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Writes a Deployment's status from its ReplicaSets: the counts kubectl rollout status compares, Available, and
 * Progressing with the progress deadline (a rollout that has not moved for progressDeadlineSeconds is reported as
 * ProgressDeadlineExceeded, and the controller looks again when the deadline falls due).
 */
final class DeploymentStatusWriter {

    private final KubernetesClient client;
    private final Clock clock;

    DeploymentStatusWriter(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    Result write(Deployment deployment, DeploymentReconciler.Rollout rollout) {
        Instant now = clock.instant();
        List<ReplicaSet> all = rollout.all();
        int desired = DeploymentReconciler.replicas(deployment);
        int specTotal = all.stream().mapToInt(DeploymentReconciler::replicas).sum();
        int replicas = sum(all, status -> status.getReplicas());
        int ready = sum(all, status -> status.getReadyReplicas());
        int available = sum(all, status -> status.getAvailableReplicas());
        int updated = rollout.newSet == null ? 0 : sum(List.of(rollout.newSet), status -> status.getReplicas());
        DeploymentStatus current = deployment.getStatus() == null ? new DeploymentStatus() : deployment.getStatus();

        DeploymentConditions conditions = new DeploymentConditions(current.getConditions());
        RolloutLimits limits = RolloutLimits.of(deployment);
        if (available >= desired - limits.maxUnavailable()) {
            conditions.set(DeploymentConditions.AVAILABLE, "True", "MinimumReplicasAvailable",
                    "Deployment has minimum availability.", now, false);
        } else {
            conditions.set(DeploymentConditions.AVAILABLE, "False", "MinimumReplicasUnavailable",
                    "Deployment does not have minimum availability.", now, false);
        }
        Result result = progressing(deployment, rollout, conditions, current, now,
                updated == desired && available >= desired && replicas == desired,
                replicas != nullToZero(current.getReplicas()) || updated != nullToZero(current.getUpdatedReplicas())
                        || available != nullToZero(current.getAvailableReplicas()) || ready != nullToZero(current.getReadyReplicas()));

        DeploymentStatus status = new DeploymentStatusBuilder()
                .withObservedGeneration(deployment.getMetadata().getGeneration())
                .withReplicas(replicas)
                .withUpdatedReplicas(updated)
                .withReadyReplicas(ready)
                .withAvailableReplicas(available)
                .withUnavailableReplicas(Math.max(0, specTotal - available) == 0 ? null : Math.max(0, specTotal - available))
                .withCollisionCount(current.getCollisionCount())
                .withConditions(conditions.list())
                .build();
        if (!status.equals(deployment.getStatus())) {
            Deployment changed = PodTemplates.copy(deployment);
            changed.setStatus(status);
            client.apps().deployments().inNamespace(deployment.getMetadata().getNamespace()).resource(changed).updateStatus();
        }
        return result;
    }

    private Result progressing(Deployment deployment, DeploymentReconciler.Rollout rollout, DeploymentConditions conditions,
            DeploymentStatus current, Instant now, boolean complete, boolean countsMoved) {
        String setName = rollout.newSet == null ? "" : rollout.newSet.getMetadata().getName();
        if (Boolean.TRUE.equals(deployment.getSpec().getPaused())) {
            conditions.set(DeploymentConditions.PROGRESSING, "Unknown", "DeploymentPaused", "Deployment is paused", now, false);
            return Result.done();
        }
        boolean wasPaused = conditions.get(DeploymentConditions.PROGRESSING)
                .map(condition -> "DeploymentPaused".equals(condition.getReason())).orElse(false);
        if (complete) {
            conditions.set(DeploymentConditions.PROGRESSING, "True", DeploymentConditions.NEW_SET_AVAILABLE,
                    "ReplicaSet \"" + setName + "\" has successfully progressed.", now, false);
            return Result.done();
        }
        if (wasPaused) {
            conditions.set(DeploymentConditions.PROGRESSING, "Unknown", "DeploymentResumed", "Deployment is resumed", now, true);
        } else if ("NewReplicaSetCreated".equals(rollout.progress)) {
            conditions.set(DeploymentConditions.PROGRESSING, "True", "NewReplicaSetCreated",
                    "Created new replica set \"" + setName + "\"", now, true);
        } else if (rollout.progress != null || countsMoved
                || conditions.get(DeploymentConditions.PROGRESSING).isEmpty()
                || DeploymentConditions.NEW_SET_AVAILABLE.equals(conditions.get(DeploymentConditions.PROGRESSING).get().getReason())) {
            conditions.set(DeploymentConditions.PROGRESSING, "True", "ReplicaSetUpdated",
                    "ReplicaSet \"" + setName + "\" is progressing.", now, true);
        }
        Integer deadlineSeconds = deployment.getSpec().getProgressDeadlineSeconds();
        if (deadlineSeconds == null || deadlineSeconds == Integer.MAX_VALUE) {
            return Result.done();
        }
        DeploymentCondition progressing = conditions.get(DeploymentConditions.PROGRESSING).orElseThrow();
        if (DeploymentConditions.DEADLINE_EXCEEDED.equals(progressing.getReason())) {
            return Result.done();
        }
        Instant lastProgress = Instant.parse(progressing.getLastUpdateTime());
        Duration left = Duration.between(now, lastProgress.plusSeconds(deadlineSeconds));
        if (left.isNegative() || left.isZero()) {
            conditions.set(DeploymentConditions.PROGRESSING, "False", DeploymentConditions.DEADLINE_EXCEEDED,
                    "ReplicaSet \"" + setName + "\" has timed out progressing.", now, false);
            return Result.done();
        }
        return Result.requeueAfter(left.plusSeconds(1));
    }

    private static int sum(List<ReplicaSet> sets, Function<ReplicaSetStatus, Integer> field) {
        return sets.stream().filter(set -> set.getStatus() != null)
                .mapToInt(set -> nullToZero(field.apply(set.getStatus())))
                .sum();
    }

    private static int nullToZero(Integer value) {
        return Objects.requireNonNullElse(value, 0);
    }
}
