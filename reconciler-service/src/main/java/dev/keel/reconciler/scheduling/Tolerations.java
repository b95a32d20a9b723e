package dev.keel.reconciler.scheduling;

import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Kubernetes' taint-toleration matching. */
public final class Tolerations {

    private Tolerations() {
    }

    /**
     * Whether {@code toleration} tolerates {@code taint}: an empty effect matches every effect, an empty key with
     * operator Exists matches every key, Exists ignores the value and Equal (the default) compares it.
     */
    public static boolean tolerates(Toleration toleration, Taint taint) {
        if (!isEmpty(toleration.getEffect()) && !toleration.getEffect().equals(taint.getEffect())) {
            return false;
        }
        if (!isEmpty(toleration.getKey()) && !toleration.getKey().equals(taint.getKey())) {
            return false;
        }
        if ("Exists".equals(toleration.getOperator())) {
            return true;
        }
        if (isEmpty(toleration.getKey())) {
            // An empty key is only valid with Exists.
            return false;
        }
        return Objects.equals(emptyIfNull(toleration.getValue()), emptyIfNull(taint.getValue()));
    }

    /** The first of {@code tolerations} that tolerates {@code taint}. */
    public static Optional<Toleration> find(List<Toleration> tolerations, Taint taint) {
        if (tolerations == null) {
            return Optional.empty();
        }
        return tolerations.stream().filter(toleration -> tolerates(toleration, taint)).findFirst();
    }

    /** Whether every taint with one of {@code effects} is tolerated. */
    public static boolean toleratesAll(List<Toleration> tolerations, List<Taint> taints, List<String> effects) {
        if (taints == null) {
            return true;
        }
        return taints.stream()
                .filter(taint -> effects.contains(taint.getEffect()))
                .allMatch(taint -> find(tolerations, taint).isPresent());
    }

    private static boolean isEmpty(String value) {
        return value == null || value.isEmpty();
    }

    private static String emptyIfNull(String value) {
        return value == null ? "" : value;
    }
}
