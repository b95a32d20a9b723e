package dev.keel.scheduler.framework;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The nodes as one scheduling cycle sees them: taken from the cache at the start of the cycle and never changed.
 */
public final class Snapshot {

    private final List<NodeInfo> nodes;
    private final NodeInfo[] array;
    private final Map<String, Integer> index;
    /** The nodes of {@link #nodesWithPodAffinity} and of {@link #nodesWithRequiredAntiAffinity}: few, usually. */
    private final List<NodeInfo> withPodAffinity;
    private final List<NodeInfo> withRequiredAntiAffinity;
    private Map<String, Integer> imageSpread;

    public Snapshot(List<NodeInfo> nodes) {
        this(nodes.toArray(NodeInfo[]::new), indexOf(nodes));
    }

    private Snapshot(NodeInfo[] array, Map<String, Integer> index) {
        this(array, index, select(array, NodeInfo::hasPodsWithAffinity), select(array, NodeInfo::hasPodsWithRequiredAntiAffinity));
    }

    private Snapshot(NodeInfo[] array, Map<String, Integer> index, List<NodeInfo> withPodAffinity,
                     List<NodeInfo> withRequiredAntiAffinity) {
        this.array = array;
        this.nodes = Collections.unmodifiableList(Arrays.asList(array));
        this.index = index;
        this.withPodAffinity = withPodAffinity;
        this.withRequiredAntiAffinity = withRequiredAntiAffinity;
    }

    private static List<NodeInfo> select(NodeInfo[] array, Predicate<NodeInfo> wanted) {
        List<NodeInfo> selected = new ArrayList<>();
        for (NodeInfo node : array) {
            if (wanted.test(node)) {
                selected.add(node);
            }
        }
        return Collections.unmodifiableList(selected);
    }

    /** Position of each node by name, for {@link #with}; unchanged while the set of nodes is. */
    private static Map<String, Integer> indexOf(List<NodeInfo> nodes) {
        Map<String, Integer> index = new HashMap<>(nodes.size() * 2);
        for (int i = 0; i < nodes.size(); i++) {
            index.put(nodes.get(i).name(), i);
        }
        return Collections.unmodifiableMap(index);
    }

    /**
     * A snapshot of the same nodes in the same order in which the given ones (by name, each already in this
     * snapshot) replace their earlier state: a copy of the references, without rebuilding the index.
     */
    public Snapshot with(Iterable<NodeInfo> changed) {
        NodeInfo[] copy = array.clone();
        boolean affinityChanged = false;
        for (NodeInfo node : changed) {
            Integer at = index.get(node.name());
            if (at == null) {
                throw new IllegalArgumentException("node " + node.name() + " is not in the snapshot");
            }
            affinityChanged |= listedForAffinity(node) || listedForAffinity(copy[at]);
            copy[at] = node;
        }
        if (affinityChanged) {
            return new Snapshot(copy, index);
        }
        return new Snapshot(copy, index, withPodAffinity, withRequiredAntiAffinity);
    }

    /** Whether the node belongs on either affinity list: replacing it means rebuilding both. */
    private static boolean listedForAffinity(NodeInfo node) {
        return node.hasPodsWithAffinity() || node.hasPodsWithRequiredAntiAffinity();
    }

    /** The nodes with a pod that has pod affinity terms (required or preferred) or preferred anti-affinity terms. */
    public List<NodeInfo> nodesWithPodAffinity() {
        return withPodAffinity;
    }

    /** The nodes with a pod that has required pod anti-affinity terms. */
    public List<NodeInfo> nodesWithRequiredAntiAffinity() {
        return withRequiredAntiAffinity;
    }

    public List<NodeInfo> nodes() {
        return nodes;
    }

    /** The node of that name, or null. */
    public NodeInfo get(String name) {
        Integer at = index.get(name);
        return at == null ? null : array[at];
    }

    public int size() {
        return array.length;
    }

    /** On how many nodes each image is present; computed on first use. */
    public synchronized int nodesWithImage(String image) {
        if (imageSpread == null) {
            Map<String, Integer> spread = new HashMap<>();
            for (NodeInfo node : array) {
                node.imageSizes().keySet().forEach(name -> spread.merge(name, 1, Integer::sum));
            }
            imageSpread = spread;
        }
        return imageSpread.getOrDefault(image, 0);
    }
}
