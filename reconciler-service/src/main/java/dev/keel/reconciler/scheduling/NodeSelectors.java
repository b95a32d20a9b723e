package dev.keel.reconciler.scheduling;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelector;
import java.util.Map;

/**
 * Whether a node satisfies a pod's nodeSelector and required node affinity, with Kubernetes' semantics: platform-
 * runtime's {@link dev.keel.runtime.objects.NodeSelectors}, the one place the rule lives, with a pod's conventions.
 */
public final class NodeSelectors {

    private NodeSelectors() {
    }

    /** Every label of {@code selector} is on the node; an empty selector matches every node. */
    public static boolean matchesNodeSelector(Map<String, String> selector, Node node) {
        return dev.keel.runtime.objects.NodeSelectors.matchesNodeSelector(selector, node.getMetadata().getLabels());
    }

    /** Terms are ORed, the requirements of a term ANDed; a term without requirements matches nothing; null matches all. */
    public static boolean matches(NodeSelector selector, Node node) {
        if (selector == null || selector.getNodeSelectorTerms() == null) {
            return true;
        }
        return dev.keel.runtime.objects.NodeSelectors.matches(selector, node.getMetadata().getName(),
                node.getMetadata().getLabels());
    }
}
