package dev.keel.api.apiextensions.schema;

import java.util.ArrayList;
import java.util.List;

/**
 * A rule's {@code fieldPath}, relative to the node the rule sits on: {@code .spec.replicas}, {@code .labels['a.b']}.
 * Each step must name a declared property or a key of a map; list indexes are not allowed (as in Kubernetes).
 */
final class FieldPathParser {

    private FieldPathParser() {
    }

    /** The steps, or null when the path is malformed or leaves the schema. */
    static List<CompiledRule.PathStep> parse(String path, SchemaNode schema) {
        List<CompiledRule.PathStep> steps = new ArrayList<>();
        SchemaNode node = schema;
        int i = 0;
        while (i < path.length()) {
            String name;
            if (path.charAt(i) == '.') {
                int end = i + 1;
                while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
                    end++;
                }
                name = path.substring(i + 1, end);
                i = end;
            } else if (path.startsWith("['", i)) {
                int end = path.indexOf("']", i + 2);
                if (end < 0) {
                    return null;
                }
                name = path.substring(i + 2, end);
                i = end + 2;
            } else {
                return null;
            }
            if (name.isEmpty() || node == null) {
                return null;
            }
            SchemaNode declared = node.properties.get(name);
            if (declared != null) {
                steps.add(new CompiledRule.PathStep(name, false));
                node = declared;
            } else if (node.additionalProperties != null) {
                steps.add(new CompiledRule.PathStep(name, true));
                node = node.additionalProperties;
            } else {
                return null;
            }
        }
        return steps.isEmpty() ? null : List.copyOf(steps);
    }
}
