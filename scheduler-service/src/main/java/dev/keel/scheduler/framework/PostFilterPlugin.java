package dev.keel.scheduler.framework;

import java.util.Map;

/** Runs when no node passed the filters, e.g. to preempt lower-priority pods. */
public interface PostFilterPlugin extends Plugin {

    /**
     * @param filterStatuses the rejection each node got, by node name
     * @return a nominated node on success (the pod is retried and should fit there later), else a rejection
     */
    PostFilterResult postFilter(CycleState state, PodInfo pod, Snapshot snapshot, Map<String, Status> filterStatuses);
}
