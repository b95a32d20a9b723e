package dev.keel.scheduler.plugins.noderesources;

import dev.keel.scheduler.framework.CycleState;
import dev.keel.scheduler.framework.FilterPlugin;
import dev.keel.scheduler.framework.NodeInfo;
import dev.keel.scheduler.framework.PodInfo;
import dev.keel.scheduler.framework.Resources;
import dev.keel.scheduler.framework.ScorePlugin;
import dev.keel.scheduler.framework.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Filters out nodes without room for the pod's requests (cpu, memory, pod count, extended resources), counted as
 * Kubernetes counts them (see {@link dev.keel.scheduler.framework.PodRequests}), and scores cpu and memory by the
 * profile's {@link ScoringStrategy}.
 */
public final class NodeResourcesFit implements FilterPlugin, ScorePlugin {

    public static final String NAME = "NodeResourcesFit";

    private final ScoringStrategy strategy;

    public NodeResourcesFit(ScoringStrategy strategy) {
        this.strategy = strategy;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
        if (fits(pod.requests(), node.requested(), node.allocatable())) {
            return Status.success();
        }
        List<String> reasons = new ArrayList<>();
        Resources allocatable = node.allocatable();
        Resources requested = node.requested();
        Resources wanted = pod.requests();
        if (requested.pods() + 1 > allocatable.pods()) {
            reasons.add("Too many pods");
        }
        if (wanted.milliCpu() > 0 && requested.milliCpu() + wanted.milliCpu() > allocatable.milliCpu()) {
            reasons.add("Insufficient cpu");
        }
        if (wanted.memory() > 0 && requested.memory() + wanted.memory() > allocatable.memory()) {
            reasons.add("Insufficient memory");
        }
        for (Map.Entry<String, Long> scalar : wanted.scalars().entrySet()) {
            if (scalar.getValue() > 0
                    && requested.scalar(scalar.getKey()) + scalar.getValue() > allocatable.scalar(scalar.getKey())) {
                reasons.add("Insufficient " + scalar.getKey());
            }
        }
        return Status.unschedulable(reasons.toArray(String[]::new));
    }

    /** The same checks as the reasons above, without building them: the common case, run per node and cycle. */
    private static boolean fits(Resources wanted, Resources requested, Resources allocatable) {
        if (requested.pods() + 1 > allocatable.pods()
                || wanted.milliCpu() > 0 && requested.milliCpu() + wanted.milliCpu() > allocatable.milliCpu()
                || wanted.memory() > 0 && requested.memory() + wanted.memory() > allocatable.memory()) {
            return false;
        }
        for (Map.Entry<String, Long> scalar : wanted.scalars().entrySet()) {
            if (scalar.getValue() > 0
                    && requested.scalar(scalar.getKey()) + scalar.getValue() > allocatable.scalar(scalar.getKey())) {
                return false;
            }
        }
        return true;
    }

    /** The mean of the cpu and memory scores after placing the pod (Kubernetes' default weights, 1 and 1). */
    @Override
    public long score(CycleState state, PodInfo pod, NodeInfo node) {
        Resources used = node.nonZeroRequested();
        Resources wanted = pod.nonZeroRequests();
        long cpu = strategy.score(used.milliCpu() + wanted.milliCpu(), node.allocatable().milliCpu());
        long memory = strategy.score(used.memory() + wanted.memory(), node.allocatable().memory());
        return (cpu + memory) / 2;
    }
}
