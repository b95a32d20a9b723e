package dev.keel.reconciler.scheduling;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import java.util.List;
import java.util.Map;

/** Whether a node satisfies a pod's nodeSelector and required node affinity, with Kubernetes' semantics. */
public final class NodeSelectors {

    private NodeSelectors() {
    }

    /** Every label of {@code selector} is on the node; an empty selector matches every node. */
    public static boolean matchesNodeSelector(Map<String, String> selector, Node node) {
        if (selector == null || selector.isEmpty()) {
            return true;
        }
        Map<String, String> labels = labels(node);
        return selector.entrySet().stream().allMatch(wanted -> wanted.getValue().equals(labels.get(wanted.getKey())));
    }

    /** Terms are ORed, the requirements of a term ANDed; a term without requirements matches nothing; null matches all. */
    public static boolean matches(NodeSelector selector, Node node) {
        if (selector == null || selector.getNodeSelectorTerms() == null) {
            return true;
        }
        return selector.getNodeSelectorTerms().stream().anyMatch(term -> matches(term, node));
    }

    private static boolean matches(NodeSelectorTerm term, Node node) {
        List<NodeSelectorRequirement> expressions = term.getMatchExpressions() == null ? List.of() : term.getMatchExpressions();
        List<NodeSelectorRequirement> fields = term.getMatchFields() == null ? List.of() : term.getMatchFields();
        if (expressions.isEmpty() && fields.isEmpty()) {
            return false;
        }
        Map<String, String> labels = labels(node);
        Map<String, String> nodeFields = Map.of("metadata.name", node.getMetadata().getName());
        return expressions.stream().allMatch(requirement -> matches(requirement, labels))
                && fields.stream().allMatch(requirement -> matches(requirement, nodeFields));
    }

    private static boolean matches(NodeSelectorRequirement requirement, Map<String, String> values) {
        String value = values.get(requirement.getKey());
        List<String> wanted = requirement.getValues() == null ? List.of() : requirement.getValues();
        return switch (requirement.getOperator()) {
            case "In" -> value != null && wanted.contains(value);
            case "NotIn" -> value == null || !wanted.contains(value);
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            case "Gt" -> value != null && wanted.size() == 1 && compare(value, wanted.get(0)) > 0;
            case "Lt" -> value != null && wanted.size() == 1 && compare(value, wanted.get(0)) < 0;
            default -> false;
        };
    }

    private static int compare(String value, String bound) {
        try {
            return Long.compare(Long.parseLong(value), Long.parseLong(bound));
        } catch (NumberFormatException e) {
            // Kubernetes treats a non-integer as not matching; 0 makes both Gt and Lt false.
            return 0;
        }
    }

    private static Map<String, String> labels(Node node) {
        return node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
    }
}
