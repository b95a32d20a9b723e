package dev.keel.scheduler.plugins.tainttoleration;

import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;

/** Whether tolerations tolerate a taint, by Kubernetes' rules. */
public final class Tolerations {

    private Tolerations() {
    }

    public static boolean tolerates(List<Toleration> tolerations, Taint taint) {
        if (tolerations == null) {
            return false;
        }
        for (Toleration toleration : tolerations) {
            if (tolerates(toleration, taint)) {
                return true;
            }
        }
        return false;
    }

    /**
     * An empty effect matches every effect; an empty key with operator Exists matches every key; Exists ignores the
     * value; Equal (the default operator) needs the same value.
     */
    public static boolean tolerates(Toleration toleration, Taint taint) {
        String effect = toleration.getEffect();
        if (effect != null && !effect.isEmpty() && !effect.equals(taint.getEffect())) {
            return false;
        }
        String key = toleration.getKey();
        String operator = toleration.getOperator() == null || toleration.getOperator().isEmpty() ? "Equal" : toleration.getOperator();
        if ((key == null || key.isEmpty())) {
            return "Exists".equals(operator);
        }
        if (!key.equals(taint.getKey())) {
            return false;
        }
        return switch (operator) {
            case "Exists" -> true;
            case "Equal" -> nullToEmpty(toleration.getValue()).equals(nullToEmpty(taint.getValue()));
            default -> false;
        };
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
