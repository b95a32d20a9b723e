package dev.keel.scheduler.plugins.interpodaffinity;

import dev.keel.scheduler.framework.CycleState;
import java.util.HashMap;
import java.util.Map;

/** Matching pods counted per topology pair ("key=value"); copyable so preemption's what-ifs change a copy. */
final class TopologyCounts implements CycleState.Cloneable {

    private final Map<String, Long> counts;

    TopologyCounts() {
        this(new HashMap<>());
    }

    private TopologyCounts(Map<String, Long> counts) {
        this.counts = counts;
    }

    void add(String key, String value, long delta) {
        if (value == null) {
            return;
        }
        counts.merge(key + "=" + value, delta, Long::sum);
    }

    long get(String key, String value) {
        return value == null ? 0 : counts.getOrDefault(key + "=" + value, 0L);
    }

    /** No pair was ever counted (cheaper than {@link #isEmpty}, which also looks through counts back at zero). */
    boolean hasNoEntries() {
        return counts.isEmpty();
    }

    boolean isEmpty() {
        return counts.values().stream().allMatch(count -> count <= 0);
    }

    @Override
    public TopologyCounts copy() {
        return new TopologyCounts(new HashMap<>(counts));
    }
}
