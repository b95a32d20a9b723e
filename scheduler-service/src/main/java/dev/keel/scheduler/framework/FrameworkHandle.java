package dev.keel.scheduler.framework;

import java.util.List;

/** What a plugin may ask of the profile it runs in. */
public interface FrameworkHandle {

    /** Runs every filter of the profile on one node; the first rejection wins. */
    Status runFilters(CycleState state, PodInfo pod, NodeInfo node);

    /** Tells the pre-filter plugins that a what-if removed {@code removed} from {@code node}. */
    void removePodFromState(CycleState state, PodInfo pod, PodInfo removed, NodeInfo node);

    /** Tells the pre-filter plugins that a what-if added {@code added} back to {@code node}. */
    void addPodToState(CycleState state, PodInfo pod, PodInfo added, NodeInfo node);

    /** The filter plugins, in order. */
    List<FilterPlugin> filters();
}
