package dev.keel.reconciler.deployment;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeployment;
import java.util.Objects;

/**
 * maxSurge and maxUnavailable resolved against the desired replicas, as Kubernetes does: a percentage of surge rounds
 * up, of unavailability rounds down, and if both come to zero one pod may be unavailable, or no rollout could move.
 */
record RolloutLimits(int maxSurge, int maxUnavailable) {

    static RolloutLimits of(Deployment deployment) {
        int replicas = Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1);
        if (!isRollingUpdate(deployment)) {
            return new RolloutLimits(0, 0);
        }
        RollingUpdateDeployment rolling = deployment.getSpec().getStrategy().getRollingUpdate();
        IntOrString surge = rolling == null || rolling.getMaxSurge() == null ? new IntOrString("25%") : rolling.getMaxSurge();
        IntOrString unavailable = rolling == null || rolling.getMaxUnavailable() == null ? new IntOrString("25%") : rolling.getMaxUnavailable();
        int resolvedSurge = resolve(surge, replicas, true);
        int resolvedUnavailable = resolve(unavailable, replicas, false);
        if (resolvedSurge == 0 && resolvedUnavailable == 0) {
            resolvedUnavailable = 1;
        }
        return new RolloutLimits(resolvedSurge, Math.min(resolvedUnavailable, replicas));
    }

    static boolean isRollingUpdate(Deployment deployment) {
        return deployment.getSpec().getStrategy() == null
                || deployment.getSpec().getStrategy().getType() == null
                || "RollingUpdate".equals(deployment.getSpec().getStrategy().getType());
    }

    static int resolve(IntOrString value, int total, boolean roundUp) {
        if (value.getIntVal() != null) {
            return value.getIntVal();
        }
        String text = value.getStrVal();
        if (text == null || !text.endsWith("%")) {
            throw new IllegalArgumentException("invalid value for IntOrString: " + text);
        }
        double scaled = Integer.parseInt(text.substring(0, text.length() - 1)) * total / 100.0;
        return (int) (roundUp ? Math.ceil(scaled) : Math.floor(scaled));
    }
}
