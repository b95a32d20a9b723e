package dev.keel.reconciler.deployment;

import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The Available and Progressing conditions kubectl reads. A condition keeps its lastTransitionTime while its status
 * stays the same; Progressing's lastUpdateTime moves whenever the rollout makes progress, which is what the progress
 * deadline is measured from.
 */
final class DeploymentConditions {

    static final String AVAILABLE = "Available";
    static final String PROGRESSING = "Progressing";
    static final String DEADLINE_EXCEEDED = "ProgressDeadlineExceeded";
    static final String NEW_SET_AVAILABLE = "NewReplicaSetAvailable";

    private final List<DeploymentCondition> conditions;

    DeploymentConditions(List<DeploymentCondition> current) {
        this.conditions = current == null ? new ArrayList<>() : new ArrayList<>(current);
    }

    Optional<DeploymentCondition> get(String type) {
        return conditions.stream().filter(condition -> type.equals(condition.getType())).findFirst();
    }

    /** Sets a condition; {@code touch} moves lastUpdateTime even if nothing else changed. */
    void set(String type, String status, String reason, String message, Instant now, boolean touch) {
        String stamp = now.truncatedTo(ChronoUnit.SECONDS).toString();
        Optional<DeploymentCondition> previous = get(type);
        if (previous.isPresent() && Objects.equals(previous.get().getStatus(), status)
                && Objects.equals(previous.get().getReason(), reason) && Objects.equals(previous.get().getMessage(), message)
                && !touch) {
            return;
        }
        String transition = previous.isPresent() && Objects.equals(previous.get().getStatus(), status)
                ? previous.get().getLastTransitionTime() : stamp;
        DeploymentCondition condition = new DeploymentConditionBuilder()
                .withType(type).withStatus(status).withReason(reason).withMessage(message)
                .withLastUpdateTime(stamp).withLastTransitionTime(transition).build();
        conditions.removeIf(existing -> type.equals(existing.getType()));
        // Kubernetes lists Available before Progressing.
        if (AVAILABLE.equals(type)) {
            conditions.add(0, condition);
        } else {
            conditions.add(condition);
        }
    }

    List<DeploymentCondition> list() {
        return conditions;
    }
}
