package dev.keel.scheduler.plugins.balancedallocation;

import dev.keel.scheduler.framework.CycleState;
import dev.keel.scheduler.framework.NodeInfo;
import dev.keel.scheduler.framework.PodInfo;
import dev.keel.scheduler.framework.Resources;
import dev.keel.scheduler.framework.ScorePlugin;

/**
 * Prefers nodes whose cpu and memory would be used in equal shares after placing the pod, so neither runs out while
 * the other sits idle: the score is 100 times one minus the standard deviation of the two fractions.
 */
public final class BalancedAllocation implements ScorePlugin {

    public static final String NAME = "NodeResourcesBalancedAllocation";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public long score(CycleState state, PodInfo pod, NodeInfo node) {
        Resources used = node.nonZeroRequested();
        Resources wanted = pod.nonZeroRequests();
        double cpu = fraction(used.milliCpu() + wanted.milliCpu(), node.allocatable().milliCpu());
        double memory = fraction(used.memory() + wanted.memory(), node.allocatable().memory());
        double deviation = Math.abs(cpu - memory) / 2;
        return (long) ((1 - deviation) * MAX_SCORE);
    }

    private static double fraction(long requested, long allocatable) {
        return allocatable <= 0 ? 1 : Math.min(1.0, (double) requested / allocatable);
    }
}
