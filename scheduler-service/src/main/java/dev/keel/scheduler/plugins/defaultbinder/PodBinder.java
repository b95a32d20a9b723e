package dev.keel.scheduler.plugins.defaultbinder;

import dev.keel.scheduler.framework.PodInfo;
import dev.keel.scheduler.framework.Status;

/** Writes a pod's node choice to the API server. */
@FunctionalInterface
public interface PodBinder {

    /** Success, or an error status carrying the API's answer (a conflict when the pod is already bound). */
    Status bind(PodInfo pod, String nodeName);
}
