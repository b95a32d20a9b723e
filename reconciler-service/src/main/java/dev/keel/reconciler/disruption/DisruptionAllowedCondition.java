package dev.keel.reconciler.disruption;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A budget's DisruptionAllowed condition as Kubernetes' pdb helper sets it: True (SufficientPods) while a disruption
 * is allowed, False (InsufficientPods) otherwise, False (SyncFailed, with the error) when the status could not be
 * computed. Its lastTransitionTime changes only with its status.
 */
public final class DisruptionAllowedCondition {

    public static final String TYPE = "DisruptionAllowed";

    private DisruptionAllowedCondition() {
    }

    public static List<Condition> forAllowed(List<Condition> current, int disruptionsAllowed, long observedGeneration, Instant now) {
        return disruptionsAllowed > 0
                ? set(current, "True", "SufficientPods", "", observedGeneration, now)
                : set(current, "False", "InsufficientPods", "", observedGeneration, now);
    }

    public static List<Condition> syncFailed(List<Condition> current, String message, long observedGeneration, Instant now) {
        return set(current, "False", "SyncFailed", message, observedGeneration, now);
    }

    /** Whether the condition says what {@code disruptionsAllowed} means, for the observed generation. */
    public static boolean upToDate(List<Condition> current, int disruptionsAllowed, long observedGeneration) {
        Condition condition = find(current);
        if (condition == null || condition.getObservedGeneration() == null || condition.getObservedGeneration() != observedGeneration) {
            return false;
        }
        return disruptionsAllowed > 0
                ? "True".equals(condition.getStatus()) && "SufficientPods".equals(condition.getReason())
                : "False".equals(condition.getStatus()) && "InsufficientPods".equals(condition.getReason());
    }

    private static List<Condition> set(List<Condition> current, String status, String reason, String message,
            long observedGeneration, Instant now) {
        List<Condition> conditions = new ArrayList<>(current == null ? List.of() : current);
        Condition previous = find(conditions);
        String transition = previous != null && status.equals(previous.getStatus()) && previous.getLastTransitionTime() != null
                ? previous.getLastTransitionTime() : now.truncatedTo(ChronoUnit.SECONDS).toString();
        Condition condition = new ConditionBuilder().withType(TYPE).withStatus(status).withReason(reason).withMessage(message)
                .withObservedGeneration(observedGeneration).withLastTransitionTime(transition).build();
        if (previous == null) {
            conditions.add(condition);
        } else {
            conditions.set(conditions.indexOf(previous), condition);
        }
        return conditions;
    }

    private static Condition find(List<Condition> conditions) {
        if (conditions == null) {
            return null;
        }
        return conditions.stream().filter(c -> TYPE.equals(c.getType())).findFirst().orElse(null);
    }
}
