package dev.keel.api.apiextensions.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSONPath subset CRDs use in printer columns, scale paths and selectable fields, evaluated as client-go's
 * jsonpath does: {@code .a.b}, {@code ['a.b']}, {@code [0]}, {@code [-1]}, {@code [*]}, {@code ..} is not supported,
 * and filters {@code [?(@.type=="Ready")]} (== and != on a relative path). An optional {@code {...}} wrapper is allowed.
 */
final class JsonPaths {

    private JsonPaths() {
    }

    /** Every node the path reaches; empty when it reaches none. */
    static List<JsonNode> find(JsonNode root, String path) {
        List<JsonNode> current = new ArrayList<>(List.of(root));
        for (String step : steps(unwrap(path))) {
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode node : current) {
                apply(node, step, next);
            }
            current = next;
        }
        return current;
    }

    /** The single node at a plain path such as {@code .spec.replicas}, or null. */
    static JsonNode at(JsonNode root, String path) {
        List<JsonNode> found = find(root, path);
        return found.isEmpty() ? null : found.get(0);
    }

    /** Sets the value at a plain dotted path, making the objects on the way. */
    static void set(ObjectNode root, String path, JsonNode value) {
        List<String> steps = steps(unwrap(path));
        ObjectNode node = root;
        for (int i = 0; i < steps.size() - 1; i++) {
            node = node.withObjectProperty(field(steps.get(i)));
        }
        node.set(field(steps.get(steps.size() - 1)), value);
    }

    private static String field(String step) {
        return step.startsWith("['") ? step.substring(2, step.length() - 2) : step;
    }

    private static String unwrap(String path) {
        String trimmed = path.trim();
        if (trimmed.startsWith("{") && trimmed.endsWith("}")) {
            trimmed = trimmed.substring(1, trimmed.length() - 1).trim();
        }
        return trimmed;
    }

    /** Splits into field names and bracket expressions (kept with their brackets). */
    static List<String> steps(String path) {
        List<String> steps = new ArrayList<>();
        int i = 0;
        while (i < path.length()) {
            char c = path.charAt(i);
            if (c == '.') {
                i++;
            } else if (c == '[') {
                int end = closing(path, i);
                String inner = path.substring(i + 1, end);
                if ((inner.startsWith("'") && inner.endsWith("'")) || (inner.startsWith("\"") && inner.endsWith("\""))) {
                    steps.add("['" + inner.substring(1, inner.length() - 1) + "']");
                } else {
                    steps.add("[" + inner + "]");
                }
                i = end + 1;
            } else {
                int end = i;
                while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
                    end++;
                }
                steps.add(path.substring(i, end));
                i = end;
            }
        }
        return steps;
    }

    private static int closing(String path, int open) {
        int depth = 0;
        boolean quoted = false;
        for (int i = open; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '"' || c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '[') {
                depth++;
            } else if (!quoted && c == ']' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("unclosed [ in " + path);
    }

    private static void apply(JsonNode node, String step, List<JsonNode> out) {
        if (step.startsWith("['")) {
            add(node.get(step.substring(2, step.length() - 2)), out);
        } else if (step.startsWith("[?(") && step.endsWith(")]")) {
            filter(node, step.substring(3, step.length() - 2), out);
        } else if (step.equals("[*]") || step.equals("*")) {
            if (node.isArray() || node.isObject()) {
                node.forEach(out::add);
            }
        } else if (step.startsWith("[")) {
            String index = step.substring(1, step.length() - 1).trim();
            if (node.isArray()) {
                try {
                    int at = Integer.parseInt(index);
                    add(node.get(at < 0 ? node.size() + at : at), out);
                } catch (NumberFormatException e) {
                    // slices and unions are not used by CRDs; they match nothing here
                }
            }
        } else {
            add(node.get(step), out);
        }
    }

    private static void filter(JsonNode node, String condition, List<JsonNode> out) {
        if (!node.isArray()) {
            return;
        }
        boolean negated = condition.contains("!=");
        String[] parts = condition.split(negated ? "!=" : "==", 2);
        String left = parts[0].trim();
        String right = parts.length > 1 ? parts[1].trim() : null;
        for (JsonNode item : node) {
            JsonNode value = left.startsWith("@") ? at(item, left.substring(1)) : null;
            boolean keep;
            if (right == null) {
                keep = value != null && !value.isNull();
            } else {
                String expected = right.replaceAll("^['\"]|['\"]$", "");
                boolean equal = value != null && !value.isContainerNode() && value.asText().equals(expected);
                keep = negated != equal;
            }
            if (keep) {
                out.add(item);
            }
        }
    }

    private static void add(JsonNode node, List<JsonNode> out) {
        if (node != null && !node.isMissingNode()) {
            out.add(node);
        }
    }
}
