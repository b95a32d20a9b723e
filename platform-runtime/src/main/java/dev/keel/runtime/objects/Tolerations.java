package dev.keel.runtime.objects;

import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Optional;

/**
 * Kubernetes' taint-toleration rule ({@code Toleration.ToleratesTaint}), the one place it lives for every service:
 * an empty effect matches every effect; an empty key matches every key (valid only with Exists, so with Exists it
 * tolerates every taint); the operator Exists ignores the value and Equal, the default, needs the same value (a
 * missing value is ""); any other operator tolerates nothing. For NoExecute taints, {@link #tolerationTime} says for
 * how long. Nulls are read as Kubernetes reads them; nothing here throws.
 */
public final class Tolerations {

    private Tolerations() {
    }

    public static boolean tolerates(Toleration toleration, Taint taint) {
        if (toleration == null || taint == null) {
            return false;
        }
        if (!isEmpty(toleration.getEffect()) && !toleration.getEffect().equals(taint.getEffect())) {
            return false;
        }
        if (!isEmpty(toleration.getKey()) && !toleration.getKey().equals(taint.getKey())) {
            return false;
        }
        String operator = toleration.getOperator() == null ? "" : toleration.getOperator();
        return switch (operator) {
            case "", "Equal" -> emptyIfNull(toleration.getValue()).equals(emptyIfNull(taint.getValue()));
            case "Exists" -> true;
            default -> false;
        };
    }

    /** Whether one of {@code tolerations} (null: none) tolerates {@code taint}. */
    public static boolean tolerates(List<Toleration> tolerations, Taint taint) {
        return tolerations != null && tolerations.stream().anyMatch(toleration -> tolerates(toleration, taint));
    }

    /** Whether every taint (null: none) with one of {@code effects} is tolerated. */
    public static boolean toleratesAll(List<Toleration> tolerations, List<Taint> taints, List<String> effects) {
        if (taints == null) {
            return true;
        }
        return taints.stream()
                .filter(taint -> taint != null && effects.contains(taint.getEffect()))
                .allMatch(taint -> tolerates(tolerations, taint));
    }

    /**
     * How long a pod may stay on a node with this (NoExecute) taint, as Kubernetes' taint manager decides: empty
     * when no toleration matches (evict at once); otherwise the least {@code tolerationSeconds} of the matching
     * tolerations, zero or less meaning at once, and none of them setting it meaning for ever.
     */
    public static Optional<TolerationTime> tolerationTime(List<Toleration> tolerations, Taint taint) {
        if (tolerations == null) {
            return Optional.empty();
        }
        boolean matched = false;
        Long least = null;
        boolean forever = true;
        for (Toleration toleration : tolerations) {
            if (!tolerates(toleration, taint)) {
                continue;
            }
            matched = true;
            Long seconds = toleration.getTolerationSeconds();
            if (seconds != null) {
                forever = false;
                long bounded = Math.max(0, seconds);
                least = least == null ? bounded : Math.min(least, bounded);
            }
        }
        if (!matched) {
            return Optional.empty();
        }
        return Optional.of(forever ? TolerationTime.FOREVER : new TolerationTime(least));
    }

    /** A tolerated taint's time: {@code seconds} null for ever. */
    public record TolerationTime(Long seconds) {

        public static final TolerationTime FOREVER = new TolerationTime(null);

        public boolean forever() {
            return seconds == null;
        }
    }

    private static boolean isEmpty(String value) {
        return value == null || value.isEmpty();
    }

    private static String emptyIfNull(String value) {
        return value == null ? "" : value;
    }
}
