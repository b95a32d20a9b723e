package dev.keel.scheduler.framework;

/** Runs once per cycle before filtering: checks the pod itself and computes what the filter needs. */
public interface PreFilterPlugin extends Plugin {

    /**
     * Rejecting here rejects the pod on every node; {@link Status#skip()} skips this plugin's filter for this cycle.
     */
    Status preFilter(CycleState state, PodInfo pod, Snapshot snapshot);

    /**
     * Adjusts the pre-filter state for a what-if in which a pod is added to or removed from a node (preemption).
     * Plugins whose state depends on other pods override both.
     */
    default void addPod(CycleState state, PodInfo pod, PodInfo added, NodeInfo node) {
    }

    default void removePod(CycleState state, PodInfo pod, PodInfo removed, NodeInfo node) {
    }
}
