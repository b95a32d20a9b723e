package dev.keel.scheduler.plugins.selectors;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;

/** metav1.LabelSelector matching: matchLabels and matchExpressions (In, NotIn, Exists, DoesNotExist), ANDed. */
public final class LabelSelectors {

    private LabelSelectors() {
    }

    /** A null selector matches nothing; an empty one matches everything, as in Kubernetes. */
    public static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return false;
        }
        if (selector.getMatchLabels() != null) {
            for (Map.Entry<String, String> entry : selector.getMatchLabels().entrySet()) {
                if (!entry.getValue().equals(labels.get(entry.getKey()))) {
                    return false;
                }
            }
        }
        if (selector.getMatchExpressions() != null) {
            for (LabelSelectorRequirement requirement : selector.getMatchExpressions()) {
                if (!matches(requirement.getKey(), requirement.getOperator(), requirement.getValues(), labels)) {
                    return false;
                }
            }
        }
        return true;
    }

    static boolean matches(String key, String operator, List<String> values, Map<String, String> labels) {
        String value = labels.get(key);
        return switch (operator) {
            case "In" -> value != null && values != null && values.contains(value);
            case "NotIn" -> value == null || values == null || !values.contains(value);
            case "Exists" -> labels.containsKey(key);
            case "DoesNotExist" -> !labels.containsKey(key);
            default -> false;
        };
    }
}
