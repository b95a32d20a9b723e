package dev.keel.scheduler.service;

import dev.keel.scheduler.cache.SchedulerCache;
import dev.keel.scheduler.queue.ClusterEvent;
import dev.keel.scheduler.queue.SchedulingQueue;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.util.Objects;

/** Feeds node changes to the cache; a new node or one whose scheduling-relevant fields changed wakes waiting pods. */
public final class NodeEvents implements ResourceEventHandler<Node> {

    private final SchedulingQueue queue;
    private final SchedulerCache cache;

    public NodeEvents(SchedulingQueue queue, SchedulerCache cache) {
        this.queue = queue;
        this.cache = cache;
    }

    @Override
    public void onAdd(Node node) {
        cache.addNode(node);
        queue.onClusterEvent(ClusterEvent.NODE_CHANGE);
    }

    @Override
    public void onUpdate(Node old, Node node) {
        cache.updateNode(node);
        if (mayHelp(old, node)) {
            queue.onClusterEvent(ClusterEvent.NODE_CHANGE);
        }
    }

    @Override
    public void onDelete(Node node, boolean finalStateUnknown) {
        cache.removeNode(node.getMetadata().getName());
    }

    /** Heartbeats change only conditions and times: they must not wake every waiting pod. */
    private static boolean mayHelp(Node old, Node node) {
        return !Objects.equals(old.getMetadata().getLabels(), node.getMetadata().getLabels())
                || !Objects.equals(old.getSpec(), node.getSpec())
                || !Objects.equals(old.getStatus() == null ? null : old.getStatus().getAllocatable(),
                        node.getStatus() == null ? null : node.getStatus().getAllocatable())
                || !Objects.equals(old.getStatus() == null ? null : old.getStatus().getImages(),
                        node.getStatus() == null ? null : node.getStatus().getImages());
    }
}
