package dev.keel.reconciler.podgc;

/** Why the pod garbage collector force-deletes a pod. */
public enum PodGcReason {
    /** Finished, and among the oldest beyond the terminated-pod threshold. */
    TERMINATED("finished pods exceed the terminated-pod threshold"),
    /** Being deleted on a node that is not Ready and tainted out-of-service: no kubelet will confirm it. */
    TERMINATING_OUT_OF_SERVICE("it is terminating on a node that is not Ready and out of service"),
    /** Bound to a node that no longer exists. */
    ORPHANED("its node no longer exists"),
    /** Being deleted without ever having been bound to a node. */
    TERMINATING_UNSCHEDULED("it is terminating and was never scheduled");

    private final String because;

    PodGcReason(String because) {
        this.because = because;
    }

    /** The reason as a log message's tail: "... because {@code because()}". */
    public String because() {
        return because;
    }
}
