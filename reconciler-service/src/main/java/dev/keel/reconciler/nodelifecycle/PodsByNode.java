package dev.keel.reconciler.nodelifecycle;

import dev.keel.runtime.controller.Informers;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;

/** The shared pod informer indexed by spec.nodeName: the pods bound to a node, for both node lifecycle controllers. */
public final class PodsByNode {

    static final String INDEX = "node-lifecycle.node-name";

    private final Informers informers;

    /** Adds the index; before the informers start. */
    public PodsByNode(Informers informers) {
        this.informers = informers;
        informers.index(Pod.class, INDEX, PodsByNode::nodeOf);
    }

    public List<Pod> on(String nodeName) {
        return informers.informer(Pod.class).getIndexer().byIndex(INDEX, nodeName);
    }

    /** The pod's node, if bound. */
    public static List<String> nodeOf(Pod pod) {
        String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        return node == null || node.isEmpty() ? List.of() : List.of(node);
    }
}
