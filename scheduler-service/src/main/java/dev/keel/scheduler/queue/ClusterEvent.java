package dev.keel.scheduler.queue;

import java.util.Set;

/**
 * A change in the cluster that may let unschedulable pods fit, with the plugins whose rejections it may undo.
 * An empty plugin set means any plugin.
 */
public record ClusterEvent(String name, Set<String> helps) {

    /** A node appeared or changed (capacity, labels, taints, schedulability). */
    public static final ClusterEvent NODE_CHANGE = new ClusterEvent("NodeChange", Set.of());
    /** A pod left a node, freeing what it used. */
    public static final ClusterEvent ASSIGNED_POD_DELETE = new ClusterEvent("AssignedPodDelete", Set.of());
    /** A pod was placed on a node or changed labels there: only affinity and spreading rejections can change. */
    public static final ClusterEvent ASSIGNED_POD_ADD = new ClusterEvent("AssignedPodAdd",
            Set.of("InterPodAffinity", "PodTopologySpread"));

    public boolean mayHelp(Set<String> rejectedBy) {
        return helps.isEmpty() || rejectedBy.isEmpty() || rejectedBy.stream().anyMatch(helps::contains);
    }
}
