package dev.keel.runtime.objects;

import io.fabric8.kubernetes.api.model.NodeAffinity;
import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.PodSpec;
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

    /**
     * Whether a pod may run on the node by its {@code nodeSelector} and its required node affinity, as the scheduler's
     * NodeAffinity filter and the DaemonSet controller decide: a pod without either fits every node. (A NodeSelector
     * that is present but null or without terms matches nothing, see {@link #matches(NodeSelector, String, Map)}.)
     */
    public static boolean podFits(PodSpec spec, String nodeName, Map<String, String> nodeLabels) {
        if (spec == null) {
            return true;
        }
        if (!matchesNodeSelector(spec.getNodeSelector(), nodeLabels)) {
            return false;
        }
        NodeAffinity affinity = spec.getAffinity() == null ? null : spec.getAffinity().getNodeAffinity();
        NodeSelector required = affinity == null ? null : affinity.getRequiredDuringSchedulingIgnoredDuringExecution();
        return required == null || matches(required, nodeName, nodeLabels);
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
