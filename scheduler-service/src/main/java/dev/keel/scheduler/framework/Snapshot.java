package dev.keel.scheduler.framework;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The nodes as one scheduling cycle sees them: taken from the cache at the start of the cycle and never changed.
 */
public final class Snapshot {

    private final List<NodeInfo> nodes;
    private final Map<String, NodeInfo> byName;
    private Map<String, Integer> imageSpread;

    public Snapshot(List<NodeInfo> nodes) {
        this.nodes = List.copyOf(nodes);
        this.byName = new HashMap<>(nodes.size() * 2);
        for (NodeInfo node : nodes) {
            byName.put(node.name(), node);
        }
    }

    public List<NodeInfo> nodes() {
        return nodes;
    }

    /** The node of that name, or null. */
    public NodeInfo get(String name) {
        return byName.get(name);
    }

    public int size() {
        return nodes.size();
    }

    /** On how many nodes each image is present; computed on first use. */
    public synchronized int nodesWithImage(String image) {
        if (imageSpread == null) {
            Map<String, Integer> spread = new HashMap<>();
            for (NodeInfo node : nodes) {
                node.imageSizes().keySet().forEach(name -> spread.merge(name, 1, Integer::sum));
            }
            imageSpread = spread;
        }
        return imageSpread.getOrDefault(image, 0);
    }
}
