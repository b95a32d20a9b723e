package dev.keel.scheduler.framework;

import java.util.List;

/**
 * Ranks the nodes that passed the filters. After normalization each score lies in [0, {@link #MAX_SCORE}]; the
 * profile multiplies it by the plugin's weight.
 */
public interface ScorePlugin extends Plugin {

    long MAX_SCORE = 100;

    /** The raw score of one node; may be called from several threads at once. */
    long score(CycleState state, PodInfo pod, NodeInfo node);

    /**
     * Brings the raw scores of all feasible nodes (same order as {@code nodes}) into [0, MAX_SCORE] in place.
     * Plugins whose raw score is already in range keep this default.
     */
    default void normalize(CycleState state, PodInfo pod, List<NodeInfo> nodes, long[] scores) {
    }
}
