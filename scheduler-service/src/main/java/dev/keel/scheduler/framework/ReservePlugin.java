package dev.keel.scheduler.framework;

/** Holds what the pod will use on its chosen node before binding; undone if a later step fails. */
public interface ReservePlugin extends Plugin {

    Status reserve(CycleState state, PodInfo pod, String nodeName);

    /** Undoes {@link #reserve}; must be idempotent and must not fail. */
    void unreserve(CycleState state, PodInfo pod, String nodeName);
}
