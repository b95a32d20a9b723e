package dev.keel.scheduler.plugins.defaultpreemption;

import dev.keel.scheduler.framework.PodInfo;

/** Removes a victim of preemption from its node through the API server. */
@FunctionalInterface
public interface PodEvictor {

    /**
     * @param victim   the pod to remove
     * @param preemptor the higher-priority pod it makes room for (for the event message)
     */
    void evict(PodInfo victim, PodInfo preemptor, String nodeName);
}
