package dev.keel.runtime.objects;

import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import java.util.List;
import java.util.Map;

/**
 * core/v1 node selection, as Kubernetes' scheduler and DaemonSet controller read it: a pod's nodeSelector map, and
 * NodeSelector terms (ORed; in a term, label expressions In, NotIn, Exists, DoesNotExist, Gt, Lt and field
 * expressions on metadata.name, ANDed). Nulls read as Kubernetes reads them; no input makes these methods throw.
 */
public final class NodeSelectors {

    private NodeSelectors() {
    }

    /** Every pair of a pod's {@code nodeSelector} is among the node's labels; null or empty selects every node. */
    public static boolean matchesNodeSelector(Map<String, String> nodeSelector, Map<String, String> nodeLabels) {
        if (nodeSelector == null || nodeSelector.isEmpty()) {
            return true;
        }
        return LabelSelectors.hasAll(nodeSelector, nodeLabels == null ? Map.of() : nodeLabels);
    }

    /** Whether some term matches; a selector that is null or has no terms matches nothing. */
    public static boolean matches(NodeSelector selector, String nodeName, Map<String, String> nodeLabels) {
        if (selector == null || selector.getNodeSelectorTerms() == null) {
            return false;
        }
        for (NodeSelectorTerm term : selector.getNodeSelectorTerms()) {
            if (matches(term, nodeName, nodeLabels)) {
                return true;
            }
        }
        return false;
    }

    /** Whether every requirement of {@code term} holds; a null term, or one without requirements, matches nothing. */
    public static boolean matches(NodeSelectorTerm term, String nodeName, Map<String, String> nodeLabels) {
        if (term == null) {
            return false;
        }
        List<NodeSelectorRequirement> expressions = term.getMatchExpressions() == null ? List.of() : term.getMatchExpressions();
        List<NodeSelectorRequirement> fields = term.getMatchFields() == null ? List.of() : term.getMatchFields();
        if (expressions.isEmpty() && fields.isEmpty()) {
            return false;
        }
        Map<String, String> labels = nodeLabels == null ? Map.of() : nodeLabels;
        for (NodeSelectorRequirement requirement : expressions) {
            if (requirement == null || !LabelSelectors.matchesRequirement(requirement.getKey(), requirement.getOperator(),
                    requirement.getValues(), labels)) {
                return false;
            }
        }
        Map<String, String> nodeFields = nodeName == null ? Map.of() : Map.of("metadata.name", nodeName);
        for (NodeSelectorRequirement requirement : fields) {
            // metadata.name is the only field Kubernetes selects nodes by.
            if (requirement == null || !"metadata.name".equals(requirement.getKey())
                    || !LabelSelectors.matchesRequirement(requirement.getKey(), requirement.getOperator(),
                            requirement.getValues(), nodeFields)) {
                return false;
            }
        }
        return true;
    }
}
