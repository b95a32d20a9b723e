package dev.keel.scheduler.plugins.selectors;

import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import java.util.Map;

/**
 * core/v1 NodeSelector matching for the plugins: platform-runtime's {@link dev.keel.runtime.objects.NodeSelectors},
 * the one place the rule lives. Terms are ORed; a term with no requirements matches nothing.
 */
public final class NodeSelectors {

    private NodeSelectors() {
    }

    public static boolean matches(NodeSelector selector, String nodeName, Map<String, String> labels) {
        return dev.keel.runtime.objects.NodeSelectors.matches(selector, nodeName, labels);
    }

    public static boolean matches(NodeSelectorTerm term, String nodeName, Map<String, String> labels) {
        return dev.keel.runtime.objects.NodeSelectors.matches(term, nodeName, labels);
    }
}
