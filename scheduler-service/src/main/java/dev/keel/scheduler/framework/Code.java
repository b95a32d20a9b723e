package dev.keel.scheduler.framework;

/** What a plugin said about a pod at one extension point. */
public enum Code {
    /** The plugin is satisfied. */
    SUCCESS,
    /** The pod does not fit now, but it may after the cluster changes (or after preemption). */
    UNSCHEDULABLE,
    /** The pod does not fit on this node and preemption cannot change that. */
    UNSCHEDULABLE_AND_UNRESOLVABLE,
    /** The plugin has nothing to say for this pod; later points of the same plugin are skipped too. */
    SKIP,
    /** An internal fault: the cycle stops and the pod is retried after back-off. */
    ERROR
}
