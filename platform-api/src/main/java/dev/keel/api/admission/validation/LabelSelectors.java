package dev.keel.api.admission.validation;

import dev.keel.api.admission.FieldErrors;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;

/** Checking label selectors and matching them against label sets. */
public final class LabelSelectors {

    private LabelSelectors() {
    }

    public static boolean isEmpty(LabelSelector selector) {
        return selector == null || (empty(selector.getMatchLabels()) && empty(selector.getMatchExpressions()));
    }

    public static void validate(FieldErrors errors, String field, LabelSelector selector) {
        if (selector == null) {
            return;
        }
        MetadataRules.labels(errors, field + ".matchLabels", selector.getMatchLabels());
        List<LabelSelectorRequirement> expressions = selector.getMatchExpressions();
        if (expressions == null) {
            return;
        }
        for (int i = 0; i < expressions.size(); i++) {
            LabelSelectorRequirement requirement = expressions.get(i);
            String path = field + ".matchExpressions[" + i + "]";
            List<String> values = requirement.getValues() == null ? List.of() : requirement.getValues();
            String operator = requirement.getOperator() == null ? "" : requirement.getOperator();
            switch (operator) {
                case "In", "NotIn" -> {
                    if (values.isEmpty()) {
                        errors.required(path + ".values", "must be specified when `operator` is 'In' or 'NotIn'");
                    }
                }
                case "Exists", "DoesNotExist" -> {
                    if (!values.isEmpty()) {
                        errors.forbidden(path + ".values", "may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
                    }
                }
                default -> errors.invalid(path + ".operator", operator, "not a valid selector operator");
            }
            String key = requirement.getKey() == null ? "" : requirement.getKey();
            errors.invalidEach(path + ".key", key, NameRules.qualifiedName(key));
            for (int v = 0; v < values.size(); v++) {
                errors.invalidEach(path + ".values[" + v + "]", values.get(v), NameRules.labelValue(values.get(v)));
            }
        }
    }

    /**
     * Whether {@code labels} satisfy every term of {@code selector}: a null selector matches nothing, an empty one
     * everything, a null label value reads as "", a requirement without key or with an unknown operator matches
     * nothing. The same rule as platform-runtime's {@code LabelSelectors}, which platform-api cannot depend on;
     * platform-runtime's {@code SelectorParityTest} holds the two together.
     */
    public static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return false;
        }
        Map<String, String> set = labels == null ? Map.of() : labels;
        if (selector.getMatchLabels() != null) {
            for (Map.Entry<String, String> term : selector.getMatchLabels().entrySet()) {
                if (term.getKey() == null || !set.containsKey(term.getKey())
                        || !valueOf(term.getValue()).equals(valueOf(set.get(term.getKey())))) {
                    return false;
                }
            }
        }
        if (selector.getMatchExpressions() != null) {
            for (LabelSelectorRequirement requirement : selector.getMatchExpressions()) {
                if (requirement == null || !matches(requirement, set)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean matches(LabelSelectorRequirement requirement, Map<String, String> labels) {
        String key = requirement.getKey();
        if (key == null || requirement.getOperator() == null) {
            return false;
        }
        boolean present = labels.containsKey(key);
        String value = present ? valueOf(labels.get(key)) : null;
        List<String> values = requirement.getValues() == null ? List.of() : requirement.getValues();
        return switch (requirement.getOperator()) {
            case "In" -> present && values.stream().anyMatch(candidate -> valueOf(candidate).equals(value));
            case "NotIn" -> !present || values.stream().noneMatch(candidate -> valueOf(candidate).equals(value));
            case "Exists" -> present;
            case "DoesNotExist" -> !present;
            default -> false;
        };
    }

    private static String valueOf(String value) {
        return value == null ? "" : value;
    }

    private static boolean empty(Map<?, ?> map) {
        return map == null || map.isEmpty();
    }

    private static boolean empty(List<?> list) {
        return list == null || list.isEmpty();
    }
}
