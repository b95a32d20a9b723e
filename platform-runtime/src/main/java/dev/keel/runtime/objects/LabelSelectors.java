package dev.keel.runtime.objects;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes' label-selector semantics for metav1.LabelSelector and plain map selectors. Stored objects may carry
 * nulls that Kubernetes would have read as empty strings (a selector or label value {@code null} is {@code ""} in
 * Go), and a selector Kubernetes could not parse selects nothing: no input makes these methods throw.
 */
public final class LabelSelectors {

    private LabelSelectors() {
    }

    /**
     * Whether {@code labels} satisfy {@code selector}. As in Kubernetes, a null selector matches nothing and an empty
     * one matches everything.
     */
    public static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return false;
        }
        Map<String, String> actual = labels == null ? Map.of() : labels;
        if (selector.getMatchLabels() != null && !hasAll(selector.getMatchLabels(), actual)) {
            return false;
        }
        if (selector.getMatchExpressions() != null) {
            for (LabelSelectorRequirement requirement : selector.getMatchExpressions()) {
                if (requirement == null || !matches(requirement.getKey(), requirement.getOperator(),
                        requirement.getValues(), actual)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** A Service- or ReplicationController-style map selector; empty or null selects nothing. */
    public static boolean matchesMap(Map<String, String> selector, Map<String, String> labels) {
        if (selector == null || selector.isEmpty()) {
            return false;
        }
        return hasAll(selector, labels == null ? Map.of() : labels);
    }

    /**
     * One set-based requirement of a metav1.LabelSelector (In, NotIn, Exists, DoesNotExist). A requirement without
     * key or with another operator matches nothing.
     */
    public static boolean matches(String key, String operator, List<String> values, Map<String, String> labels) {
        if ("Gt".equals(operator) || "Lt".equals(operator)) {
            return false;
        }
        return matchesRequirement(key, operator, values, labels);
    }

    /** As {@link #matches(String, String, List, Map)}, with node selectors' Gt and Lt (integer comparisons). */
    static boolean matchesRequirement(String key, String operator, List<String> values, Map<String, String> labels) {
        if (key == null || operator == null) {
            return false;
        }
        Map<String, String> actual = labels == null ? Map.of() : labels;
        boolean present = actual.containsKey(key);
        String value = present ? valueOf(actual.get(key)) : null;
        List<String> wanted = values == null ? List.of() : values;
        return switch (operator) {
            case "In" -> present && wanted.stream().anyMatch(candidate -> valueOf(candidate).equals(value));
            case "NotIn" -> !present || wanted.stream().noneMatch(candidate -> valueOf(candidate).equals(value));
            case "Exists" -> present;
            case "DoesNotExist" -> !present;
            case "Gt" -> present && wanted.size() == 1 && compare(value, wanted.get(0)) > 0;
            case "Lt" -> present && wanted.size() == 1 && compare(value, wanted.get(0)) < 0;
            default -> false;
        };
    }

    /** Every pair of {@code wanted} is among {@code labels}: the key present, the values equal. */
    static boolean hasAll(Map<String, String> wanted, Map<String, String> labels) {
        for (Map.Entry<String, String> pair : wanted.entrySet()) {
            if (pair.getKey() == null || !labels.containsKey(pair.getKey())
                    || !valueOf(pair.getValue()).equals(valueOf(labels.get(pair.getKey())))) {
                return false;
            }
        }
        return true;
    }

    /** A null value as Kubernetes reads it: the empty string. */
    private static String valueOf(String value) {
        return value == null ? "" : value;
    }

    /** Integer comparison of Gt/Lt; a non-integer on either side compares as equal, which neither matches. */
    private static int compare(String value, String bound) {
        try {
            return Long.compare(Long.parseLong(value), Long.parseLong(valueOf(bound)));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
