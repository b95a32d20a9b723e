package dev.keel.scheduler.framework;

/** Binds the pod to its node. Binders run in order until one does not answer {@link Status#skip()}. */
public interface BindPlugin extends Plugin {

    Status bind(CycleState state, PodInfo pod, String nodeName);
}
