package dev.keel.scheduler.plugins.podtopologyspread;

import dev.keel.scheduler.framework.CycleState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Matching pods per domain (topology value), one map per hard constraint; copyable for preemption. */
final class SpreadState implements CycleState.Cloneable {

    final List<SpreadConstraint> constraints;
    final List<Map<String, Long>> counts;

    SpreadState(List<SpreadConstraint> constraints, List<Map<String, Long>> counts) {
        this.constraints = constraints;
        this.counts = counts;
    }

    /** The fewest matching pods in any domain of constraint i; 0 if there are fewer domains than minDomains. */
    long minMatch(int i) {
        Map<String, Long> domains = counts.get(i);
        if (domains.size() < constraints.get(i).minDomains()) {
            return 0;
        }
        long min = Long.MAX_VALUE;
        for (long count : domains.values()) {
            min = Math.min(min, count);
        }
        return min == Long.MAX_VALUE ? 0 : min;
    }

    @Override
    public SpreadState copy() {
        List<Map<String, Long>> copied = new ArrayList<>();
        counts.forEach(map -> copied.add(new HashMap<>(map)));
        return new SpreadState(constraints, copied);
    }
}
