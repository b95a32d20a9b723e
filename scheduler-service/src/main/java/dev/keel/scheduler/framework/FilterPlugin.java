package dev.keel.scheduler.framework;

/**
 * Says whether the pod can run on one node. Called for many nodes, possibly from several threads at once: it must
 * only read the cycle state.
 */
public interface FilterPlugin extends Plugin {

    /** Success, or a rejection whose reasons end up in the FailedScheduling summary. */
    Status filter(CycleState state, PodInfo pod, NodeInfo node);
}
