package dev.keel.scheduler.plugins.podtopologyspread;

import dev.keel.scheduler.framework.CycleState;
import dev.keel.scheduler.framework.FilterPlugin;
import dev.keel.scheduler.framework.NodeInfo;
import dev.keel.scheduler.framework.PodInfo;
import dev.keel.scheduler.framework.PreFilterPlugin;
import dev.keel.scheduler.framework.PreScorePlugin;
import dev.keel.scheduler.framework.ScorePlugin;
import dev.keel.scheduler.framework.Snapshot;
import dev.keel.scheduler.framework.Status;
import dev.keel.scheduler.framework.WorkloadLister;
import dev.keel.scheduler.plugins.nodeaffinity.NodeAffinity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Topology spread constraints. DoNotSchedule: placing the pod in a node's domain must keep (matching pods there + 1)
 * minus the fewest in any domain within maxSkew; domains are the values of the topology key on nodes that have every
 * constrained key and pass the pod's nodeSelector and node affinity. ScheduleAnyway: fewer matching pods in the
 * node's domains score higher. A pod without constraints of its own is spread by kube-scheduler's system defaults
 * (hostname within 3, zone within 5, ScheduleAnyway) over the pods of its Services and its ReplicaSet or StatefulSet,
 * which is how replicas spread over nodes even when resources cannot tell the nodes apart.
 */
public final class PodTopologySpread implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {

    public static final String NAME = "PodTopologySpread";
    public static final String REASON = "node(s) didn't match pod topology spread constraints";
    public static final String MISSING_LABEL_REASON = "node(s) didn't match pod topology spread constraints (missing required label)";

    private static final CycleState.Key<SpreadState> FILTER_STATE = new CycleState.Key<>(NAME + "/filter");
    private static final CycleState.Key<ScoreState> SCORE_STATE = new CycleState.Key<>(NAME + "/score");

    private final NodeAffinity nodeAffinity = new NodeAffinity();
    private final WorkloadLister workloads;

    /** Without workloads: pods without constraints of their own are not spread. */
    public PodTopologySpread() {
        this(WorkloadLister.NONE);
    }

    /** @param workloads what a pod belongs to, for the system default constraints */
    public PodTopologySpread(WorkloadLister workloads) {
        this.workloads = workloads;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status preFilter(CycleState state, PodInfo pod, Snapshot snapshot) {
        List<SpreadConstraint> constraints = SpreadConstraint.of(pod, true);
        if (constraints.isEmpty()) {
            return Status.skip();
        }
        state.write(FILTER_STATE, count(state, pod, constraints, snapshot.nodes()));
        return Status.success();
    }

    private SpreadState count(CycleState state, PodInfo pod, List<SpreadConstraint> constraints, List<NodeInfo> nodes) {
        List<Map<String, Long>> counts = new ArrayList<>();
        constraints.forEach(c -> counts.add(new HashMap<>()));
        for (NodeInfo node : nodes) {
            if (!eligible(state, pod, constraints, node)) {
                continue;
            }
            for (int i = 0; i < constraints.size(); i++) {
                SpreadConstraint constraint = constraints.get(i);
                long matching = 0;
                for (PodInfo existing : node.pods()) {
                    if (constraint.counts(pod, existing)) {
                        matching++;
                    }
                }
                counts.get(i).merge(node.labels().get(constraint.topologyKey()), matching, Long::sum);
            }
        }
        return new SpreadState(constraints, counts);
    }

    /** A node counts if it has every constrained topology key and passes the pod's node selection. */
    private boolean eligible(CycleState state, PodInfo pod, List<SpreadConstraint> constraints, NodeInfo node) {
        for (SpreadConstraint constraint : constraints) {
            if (!node.labels().containsKey(constraint.topologyKey())) {
                return false;
            }
        }
        return nodeAffinity.filter(state, pod, node).isSuccess();
    }

    @Override
    public void addPod(CycleState state, PodInfo pod, PodInfo added, NodeInfo node) {
        update(state, pod, added, node, 1);
    }

    @Override
    public void removePod(CycleState state, PodInfo pod, PodInfo removed, NodeInfo node) {
        update(state, pod, removed, node, -1);
    }

    private void update(CycleState state, PodInfo pod, PodInfo changed, NodeInfo node, long delta) {
        SpreadState spread = state.read(FILTER_STATE);
        if (spread == null || !eligible(state, pod, spread.constraints, node)) {
            return;
        }
        for (int i = 0; i < spread.constraints.size(); i++) {
            if (spread.constraints.get(i).counts(pod, changed)) {
                spread.counts.get(i).merge(node.labels().get(spread.constraints.get(i).topologyKey()), delta, Long::sum);
            }
        }
    }

    @Override
    public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
        SpreadState spread = state.read(FILTER_STATE);
        if (spread == null) {
            return Status.error("PodTopologySpread filter ran without its pre-filter state", null);
        }
        for (int i = 0; i < spread.constraints.size(); i++) {
            SpreadConstraint constraint = spread.constraints.get(i);
            String value = node.labels().get(constraint.topologyKey());
            if (value == null) {
                return Status.unresolvable(MISSING_LABEL_REASON);
            }
            long self = constraint.counts(pod, pod) ? 1 : 0;
            long matching = spread.counts.get(i).getOrDefault(value, 0L);
            if (matching + self - spread.minMatch(i) > constraint.maxSkew()) {
                return Status.unschedulable(REASON);
            }
        }
        return Status.success();
    }

    @Override
    public Status preScore(CycleState state, PodInfo pod, List<NodeInfo> feasible, Snapshot snapshot) {
        boolean own = SpreadConstraint.hasOwn(pod);
        List<SpreadConstraint> constraints = own ? SpreadConstraint.of(pod, false)
                : DefaultSelector.of(pod, workloads).map(SpreadConstraint::systemDefaults).orElse(List.of());
        if (constraints.isEmpty()) {
            return Status.skip();
        }
        state.write(SCORE_STATE, ScoreState.of(pod, constraints, own, feasible, snapshot.nodes(),
                node -> nodeAffinity.filter(state, pod, node).isSuccess()));
        return Status.success();
    }

    @Override
    public long score(CycleState state, PodInfo pod, NodeInfo node) {
        return state.read(SCORE_STATE).score(pod, node);
    }

    /**
     * Fewer matching pods score higher, as kube-scheduler normalizes: 100 * (max + min - score) / max, 100 for all
     * when nothing matches anywhere, 0 for nodes left out (score -1).
     */
    @Override
    public void normalize(CycleState state, PodInfo pod, List<NodeInfo> nodes, long[] scores) {
        long min = Long.MAX_VALUE;
        long max = 0;
        for (long score : scores) {
            if (score >= 0) {
                min = Math.min(min, score);
                max = Math.max(max, score);
            }
        }
        for (int i = 0; i < scores.length; i++) {
            if (scores[i] < 0) {
                scores[i] = 0;
            } else if (max == 0) {
                scores[i] = MAX_SCORE;
            } else {
                scores[i] = MAX_SCORE * (max + min - scores[i]) / max;
            }
        }
    }
}
