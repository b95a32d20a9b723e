package dev.keel.scheduler.plugins.noderesources;

/** How NodeResourcesFit ranks nodes that have room, per profile (arg {@code scoringStrategy}). */
public enum ScoringStrategy {
    /** Prefer the emptiest nodes: spreads pods. Kubernetes' default. */
    LeastAllocated,
    /** Prefer the fullest nodes that still fit: packs pods onto few nodes. */
    MostAllocated,
    /**
     * Rank nodes only by how evenly cpu and memory would be used: NodeResourcesFit still filters but leaves scoring
     * to the BalancedAllocation plugin (the profile gives NodeResourcesFit's score weight 0).
     */
    BalancedAllocation;

    /** Score in [0, 100] of one resource after placing the pod: requested and allocatable in the same units. */
    long score(long requested, long allocatable) {
        if (allocatable <= 0) {
            return 0;
        }
        return switch (this) {
            case LeastAllocated -> requested > allocatable ? 0 : (allocatable - requested) * 100 / allocatable;
            case MostAllocated -> Math.min(requested, allocatable) * 100 / allocatable;
            case BalancedAllocation -> 0;
        };
    }
}
