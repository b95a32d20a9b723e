package dev.keel.scheduler.plugins.selectors;

import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import java.util.List;
import java.util.Map;

/**
 * core/v1 NodeSelector matching: terms are ORed; in a term, label expressions (In, NotIn, Exists, DoesNotExist,
 * Gt, Lt) and field expressions (metadata.name only) are ANDed. A term with no requirements matches nothing.
 */
public final class NodeSelectors {

    private NodeSelectors() {
    }

    public static boolean matches(NodeSelector selector, String nodeName, Map<String, String> labels) {
        if (selector == null || selector.getNodeSelectorTerms() == null) {
            return false;
        }
        for (NodeSelectorTerm term : selector.getNodeSelectorTerms()) {
            if (matches(term, nodeName, labels)) {
                return true;
            }
        }
        return false;
    }

    public static boolean matches(NodeSelectorTerm term, String nodeName, Map<String, String> labels) {
        List<NodeSelectorRequirement> expressions = nullToEmpty(term.getMatchExpressions());
        List<NodeSelectorRequirement> fields = nullToEmpty(term.getMatchFields());
        if (expressions.isEmpty() && fields.isEmpty()) {
            return false;
        }
        for (NodeSelectorRequirement requirement : expressions) {
            if (!matches(requirement, labels)) {
                return false;
            }
        }
        for (NodeSelectorRequirement requirement : fields) {
            if (!"metadata.name".equals(requirement.getKey())
                    || !matches(requirement, Map.of("metadata.name", nodeName))) {
                return false;
            }
        }
        return true;
    }

    private static boolean matches(NodeSelectorRequirement requirement, Map<String, String> labels) {
        String operator = requirement.getOperator();
        if ("Gt".equals(operator) || "Lt".equals(operator)) {
            String value = labels.get(requirement.getKey());
            List<String> values = requirement.getValues();
            if (value == null || values == null || values.size() != 1) {
                return false;
            }
            try {
                long actual = Long.parseLong(value);
                long bound = Long.parseLong(values.get(0));
                return "Gt".equals(operator) ? actual > bound : actual < bound;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return LabelSelectors.matches(requirement.getKey(), operator, requirement.getValues(), labels);
    }

    private static <T> List<T> nullToEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
