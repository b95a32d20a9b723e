package dev.keel.scheduler.framework;

import java.util.List;

/** Runs once per cycle before scoring, over the nodes that passed the filters. */
public interface PreScorePlugin extends Plugin {

    /** {@link Status#skip()} skips this plugin's score for this cycle. */
    Status preScore(CycleState state, PodInfo pod, List<NodeInfo> feasible, Snapshot snapshot);
}
