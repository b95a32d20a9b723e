package dev.keel.reconciler.podgc;

import dev.keel.reconciler.nodelifecycle.NodeHeartbeats;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides which pods the pod garbage collector force-deletes, as Kubernetes' podgc does, from the cached pods and
 * nodes: finished pods beyond the threshold (evicted first, then oldest, then by name); terminating pods on a node
 * that is not Ready and carries the out-of-service taint; pods bound to nodes confirmed gone; terminating pods never
 * scheduled. A pod matching several rules is deleted once, for the first.
 */
public final class PodGcPlanner {

    public static final String OUT_OF_SERVICE = "node.kubernetes.io/out-of-service";

    private static final Comparator<Pod> OLDEST_EVICTED_FIRST = Comparator
            .comparing((Pod pod) -> !isEvicted(pod))
            .thenComparing(PodGcPlanner::created)
            .thenComparing(pod -> pod.getMetadata().getName());

    private final int terminatedPodThreshold;

    /** @param terminatedPodThreshold finished pods kept; 0 keeps them all */
    public PodGcPlanner(int terminatedPodThreshold) {
        this.terminatedPodThreshold = terminatedPodThreshold;
    }

    /** The nodes pods are bound to that the cache does not hold: candidates for the orphan check. */
    public static Set<String> missingNodes(List<Pod> pods, Map<String, Node> nodes) {
        Set<String> missing = new TreeSet<>();
        for (Pod pod : pods) {
            String node = nodeName(pod);
            if (!node.isEmpty() && !nodes.containsKey(node)) {
                missing.add(node);
            }
        }
        return missing;
    }

    /**
     * @param pods         every cached pod
     * @param nodes        the cached nodes by name
     * @param deletedNodes nodes the API server confirmed gone
     */
    public List<PodDeletion> plan(List<Pod> pods, Map<String, Node> nodes, Set<String> deletedNodes) {
        Map<String, PodDeletion> byUid = new LinkedHashMap<>();
        if (terminatedPodThreshold > 0) {
            List<Pod> finished = pods.stream().filter(PodGcPlanner::isFinished).sorted(OLDEST_EVICTED_FIRST).toList();
            for (Pod pod : finished.subList(0, Math.max(0, finished.size() - terminatedPodThreshold))) {
                add(byUid, pod, PodGcReason.TERMINATED);
            }
        }
        for (Pod pod : pods) {
            Node node = nodes.get(nodeName(pod));
            if (isTerminating(pod) && node != null && !isReady(node) && hasTaint(node, OUT_OF_SERVICE)) {
                add(byUid, pod, PodGcReason.TERMINATING_OUT_OF_SERVICE);
            }
        }
        for (Pod pod : pods) {
            if (!nodeName(pod).isEmpty() && deletedNodes.contains(nodeName(pod))) {
                add(byUid, pod, PodGcReason.ORPHANED);
            }
        }
        for (Pod pod : pods) {
            if (isTerminating(pod) && nodeName(pod).isEmpty()) {
                add(byUid, pod, PodGcReason.TERMINATING_UNSCHEDULED);
            }
        }
        return new ArrayList<>(byUid.values());
    }

    private static void add(Map<String, PodDeletion> byUid, Pod pod, PodGcReason reason) {
        byUid.putIfAbsent(pod.getMetadata().getUid(), new PodDeletion(pod, reason));
    }

    static boolean isFinished(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return "Succeeded".equals(phase) || "Failed".equals(phase);
    }

    private static Instant created(Pod pod) {
        String created = pod.getMetadata().getCreationTimestamp();
        return created == null || created.isEmpty() ? Instant.MIN : Instant.parse(created);
    }

    private static boolean isEvicted(Pod pod) {
        return pod.getStatus() != null && "Failed".equals(pod.getStatus().getPhase())
                && "Evicted".equals(pod.getStatus().getReason());
    }

    private static boolean isTerminating(Pod pod) {
        return pod.getMetadata().getDeletionTimestamp() != null;
    }

    private static String nodeName(Pod pod) {
        String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        return node == null ? "" : node;
    }

    private static boolean isReady(Node node) {
        return NodeHeartbeats.readyCondition(node).map(condition -> "True".equals(condition.getStatus())).orElse(false);
    }

    private static boolean hasTaint(Node node, String key) {
        List<Taint> taints = node.getSpec() == null || node.getSpec().getTaints() == null ? List.of() : node.getSpec().getTaints();
        return taints.stream().anyMatch(taint -> key.equals(taint.getKey()));
    }
}
