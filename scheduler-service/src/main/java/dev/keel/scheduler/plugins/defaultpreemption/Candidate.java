package dev.keel.scheduler.plugins.defaultpreemption;

import dev.keel.scheduler.framework.PodInfo;
import java.util.Comparator;
import java.util.List;

/** A node where removing these pods would let the preemptor fit. */
record Candidate(String node, List<PodInfo> victims) {

    /** Fewest victims first; then the lowest highest-victim priority; then the lowest priority sum. */
    static final Comparator<Candidate> BEST_FIRST = Comparator
            .comparingInt((Candidate c) -> c.victims.size())
            .thenComparingInt(Candidate::highestPriority)
            .thenComparingLong(Candidate::prioritySum);

    int highestPriority() {
        return victims.stream().mapToInt(PodInfo::priority).max().orElse(Integer.MIN_VALUE);
    }

    long prioritySum() {
        return victims.stream().mapToLong(PodInfo::priority).sum();
    }
}
