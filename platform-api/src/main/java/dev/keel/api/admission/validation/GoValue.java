package dev.keel.api.admission.validation;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * A value printed the way Kubernetes prints non-scalar values in field errors (Go's {@code %#v}), so that
 * messages such as {@code Invalid value: map[string]string{"app":"web"}: ...} read as they do upstream.
 * {@link dev.keel.api.admission.FieldErrors} renders it through {@link #toString()}.
 */
public record GoValue(String text) {

    @Override
    public String toString() {
        return text;
    }

    public static GoValue stringMap(Map<String, String> map) {
        if (map == null || map.isEmpty()) {
            return new GoValue("map[string]string(nil)");
        }
        return new GoValue("map[string]string" + mapBody(map));
    }

    public static GoValue stringList(List<String> list) {
        if (list == null || list.isEmpty()) {
            return new GoValue("[]string(nil)");
        }
        StringJoiner items = new StringJoiner(", ", "[]string{", "}");
        list.forEach(item -> items.add(quote(item)));
        return new GoValue(items.toString());
    }

    /** Go's {@code %#v} of an {@code []int32}. */
    public static GoValue intList(List<Integer> list) {
        if (list == null || list.isEmpty()) {
            return new GoValue("[]int32(nil)");
        }
        StringJoiner items = new StringJoiner(", ", "[]int32{", "}");
        list.forEach(item -> items.add(String.valueOf(item)));
        return new GoValue(items.toString());
    }

    /** Go's {@code %q} of a {@code []string}: {@code ["a" "b"]}. */
    public static String quotedList(List<String> list) {
        StringJoiner items = new StringJoiner(" ", "[", "]");
        list.forEach(item -> items.add(quote(item)));
        return items.toString();
    }

    public static GoValue labelSelector(LabelSelector selector) {
        if (selector == null) {
            return new GoValue("null");
        }
        Map<String, String> labels = selector.getMatchLabels();
        String matchLabels = labels == null || labels.isEmpty() ? "map[string]string(nil)" : "map[string]string" + mapBody(labels);
        List<LabelSelectorRequirement> expressions = selector.getMatchExpressions();
        String matchExpressions;
        if (expressions == null || expressions.isEmpty()) {
            matchExpressions = "[]v1.LabelSelectorRequirement(nil)";
        } else {
            StringJoiner items = new StringJoiner(", ", "[]v1.LabelSelectorRequirement{", "}");
            for (LabelSelectorRequirement requirement : expressions) {
                items.add("v1.LabelSelectorRequirement{Key:" + quote(requirement.getKey()) + ", Operator:"
                        + quote(requirement.getOperator()) + ", Values:" + stringList(requirement.getValues()) + "}");
            }
            matchExpressions = items.toString();
        }
        return new GoValue("v1.LabelSelector{MatchLabels:" + matchLabels + ", MatchExpressions:" + matchExpressions + "}");
    }

    public static GoValue intOrString(IntOrString value) {
        if (value == null) {
            return new GoValue("null");
        }
        if (value.getStrVal() != null) {
            return new GoValue("intstr.IntOrString{Type:1, IntVal:0, StrVal:" + quote(value.getStrVal()) + "}");
        }
        int number = value.getIntVal() == null ? 0 : value.getIntVal();
        return new GoValue("intstr.IntOrString{Type:0, IntVal:" + number + ", StrVal:\"\"}");
    }

    /** Go's {@code strconv.Quote} for the characters that occur in API values. */
    public static String quote(String value) {
        if (value == null) {
            return "\"\"";
        }
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\t' -> quoted.append("\\t");
                case '\r' -> quoted.append("\\r");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\x%02x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }

    private static String mapBody(Map<String, String> map) {
        StringJoiner entries = new StringJoiner(", ", "{", "}");
        // Go prints map entries sorted by key.
        new TreeMap<>(map).forEach((key, value) -> entries.add(quote(key) + ":" + quote(value)));
        return entries.toString();
    }
}
