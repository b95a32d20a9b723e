package dev.keel.scheduler.cache;

import dev.keel.scheduler.framework.NodeInfo;
import dev.keel.scheduler.framework.PodInfo;
import dev.keel.scheduler.framework.Snapshot;
import io.fabric8.kubernetes.api.model.Node;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler's view of nodes and the pods on them. A pod is "assumed" on a node from the moment the scheduler
 * chooses it until the informer shows it bound, so the next cycle already sees the capacity as used. A bind that
 * fails forgets the assumption; one whose result the informer never shows expires {@code assumedTtl} after the
 * bind call finished.
 */
public final class SchedulerCache {

    private static final Logger log = LoggerFactory.getLogger(SchedulerCache.class);

    private record PodState(PodInfo pod, String node, boolean assumed, Instant deadline) {
    }

    private final Clock clock;
    private final Duration assumedTtl;
    private final Map<String, NodeInfo> nodes = new LinkedHashMap<>();
    private final Map<String, PodState> pods = new HashMap<>();
    /** Nodes changed since the last snapshot, while the set of nodes in it stayed the same. */
    private final Set<String> changedSinceSnapshot = new LinkedHashSet<>();
    /** A node came or went (or gained or lost its Node object) since the last snapshot: rebuild it whole. */
    private boolean nodeSetChanged = true;
    private Snapshot lastSnapshot;

    public SchedulerCache(Clock clock, Duration assumedTtl) {
        this.clock = clock;
        this.assumedTtl = assumedTtl;
    }

    /** Places the pod on the node before it is bound. Fails if the cache already knows the pod. */
    public synchronized void assume(PodInfo pod, String nodeName) {
        if (pods.containsKey(pod.key())) {
            throw new IllegalStateException("pod " + pod.key() + " is already in the cache");
        }
        pods.put(pod.key(), new PodState(pod, nodeName, true, null));
        place(pod, nodeName);
    }

    /** The bind call returned: the assumption now expires unless the informer confirms it in time. */
    public synchronized void finishBinding(String podKey) {
        PodState state = pods.get(podKey);
        if (state != null && state.assumed()) {
            pods.put(podKey, new PodState(state.pod(), state.node(), true, clock.instant().plus(assumedTtl)));
        }
    }

    /** Drops an assumption (the bind failed). A pod the informer already confirmed stays. */
    public synchronized void forget(String podKey) {
        PodState state = pods.get(podKey);
        if (state != null && state.assumed()) {
            pods.remove(podKey);
            unplace(podKey, state.node());
        }
    }

    public synchronized boolean isAssumed(String podKey) {
        PodState state = pods.get(podKey);
        return state != null && state.assumed();
    }

    /** The informer shows a pod on a node (possibly one we assumed: confirms it, on whatever node it names). */
    public synchronized void addPod(PodInfo pod) {
        PodState old = pods.get(pod.key());
        if (old != null) {
            unplace(pod.key(), old.node());
        }
        pods.put(pod.key(), new PodState(pod, pod.nodeName(), false, null));
        place(pod, pod.nodeName());
    }

    /** The informer shows a bound pod changed. */
    public synchronized void updatePod(PodInfo pod) {
        addPod(pod);
    }

    /** The pod is gone (deleted, or finished and no longer using its node). */
    public synchronized void removePod(String podKey) {
        PodState old = pods.remove(podKey);
        if (old != null) {
            unplace(podKey, old.node());
        }
    }

    public synchronized void addNode(Node node) {
        String name = node.getMetadata().getName();
        NodeInfo old = nodes.get(name);
        put(name, old == null ? NodeInfo.of(node) : old.withNode(node));
    }

    public synchronized void updateNode(Node node) {
        addNode(node);
    }

    /** The node is gone; pods still bound to it stay counted until they are deleted. */
    public synchronized void removeNode(String name) {
        NodeInfo old = nodes.get(name);
        if (old == null) {
            return;
        }
        if (old.pods().isEmpty()) {
            remove(name);
        } else {
            put(name, old.withNode(null));
        }
    }

    /** Drops assumptions whose bind finished more than {@code assumedTtl} ago without the informer confirming it. */
    public synchronized List<String> cleanupExpired() {
        Instant now = clock.instant();
        List<String> expired = new ArrayList<>();
        Iterator<Map.Entry<String, PodState>> it = pods.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, PodState> entry = it.next();
            PodState state = entry.getValue();
            if (state.assumed() && state.deadline() != null && state.deadline().isBefore(now)) {
                it.remove();
                unplace(entry.getKey(), state.node());
                expired.add(entry.getKey());
                log.warn("Assumed pod {} on node {} expired: its binding was never seen", entry.getKey(), state.node());
            }
        }
        return expired;
    }

    /**
     * The nodes known by a Node object, as they are now. Incremental, as kube-scheduler's UpdateSnapshot: when no
     * node came or went, only the nodes changed since the last snapshot are replaced in a copy of it.
     */
    public synchronized Snapshot snapshot() {
        if (lastSnapshot == null || nodeSetChanged) {
            List<NodeInfo> list = new ArrayList<>(nodes.size());
            for (NodeInfo info : nodes.values()) {
                if (info.node() != null) {
                    list.add(info);
                }
            }
            lastSnapshot = new Snapshot(list);
        } else if (!changedSinceSnapshot.isEmpty()) {
            List<NodeInfo> changed = new ArrayList<>(changedSinceSnapshot.size());
            changedSinceSnapshot.forEach(name -> changed.add(nodes.get(name)));
            lastSnapshot = lastSnapshot.with(changed);
        }
        nodeSetChanged = false;
        changedSinceSnapshot.clear();
        return lastSnapshot;
    }

    public synchronized int nodeCount() {
        return nodes.size();
    }

    public synchronized int podCount() {
        return pods.size();
    }

    private void place(PodInfo pod, String nodeName) {
        NodeInfo info = nodes.get(nodeName);
        put(nodeName, info == null ? NodeInfo.of(null, List.of(pod)) : info.withPod(pod));
    }

    private void unplace(String podKey, String nodeName) {
        NodeInfo info = nodes.get(nodeName);
        if (info == null) {
            return;
        }
        NodeInfo without = info.withoutPod(podKey);
        if (without.node() == null && without.pods().isEmpty()) {
            remove(nodeName);
        } else {
            put(nodeName, without);
        }
    }

    /** Every change of a node's info goes through here or {@link #remove}, so the next snapshot knows what changed. */
    private void put(String name, NodeInfo info) {
        NodeInfo old = nodes.put(name, info);
        boolean wasListed = old != null && old.node() != null;
        boolean listed = info.node() != null;
        if (wasListed != listed) {
            nodeSetChanged = true;
        } else if (listed) {
            changedSinceSnapshot.add(name);
        }
    }

    private void remove(String name) {
        NodeInfo old = nodes.remove(name);
        if (old != null && old.node() != null) {
            nodeSetChanged = true;
        }
        changedSinceSnapshot.remove(name);
    }
}
