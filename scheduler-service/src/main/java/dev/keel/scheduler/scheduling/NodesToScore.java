package dev.keel.scheduler.scheduling;

/**
 * How many feasible nodes a cycle looks for before it stops filtering, as kube-scheduler decides it: every node on
 * small clusters; on large ones a percentage, by default adaptive (50% less 1% per 125 nodes, at least 5%), but
 * never fewer than 100 nodes.
 */
public final class NodesToScore {

    static final int MIN_FEASIBLE_NODES = 100;
    static final int MIN_ADAPTIVE_PERCENTAGE = 5;

    private NodesToScore() {
    }

    /**
     * @param allNodes   nodes in the cluster
     * @param percentage configured percentage (1-100), or 0 for adaptive
     */
    public static int of(int allNodes, int percentage) {
        if (allNodes < MIN_FEASIBLE_NODES || percentage >= 100) {
            return allNodes;
        }
        int effective = percentage;
        if (effective <= 0) {
            effective = Math.max(MIN_ADAPTIVE_PERCENTAGE, 50 - allNodes / 125);
        }
        int count = (int) ((long) allNodes * effective / 100);
        return Math.max(MIN_FEASIBLE_NODES, count);
    }
}
