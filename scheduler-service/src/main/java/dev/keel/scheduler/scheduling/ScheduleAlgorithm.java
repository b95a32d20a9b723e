package dev.keel.scheduler.scheduling;

import dev.keel.scheduler.framework.Code;
import dev.keel.scheduler.framework.CycleState;
import dev.keel.scheduler.framework.Framework;
import dev.keel.scheduler.framework.NodeInfo;
import dev.keel.scheduler.framework.PodInfo;
import dev.keel.scheduler.framework.Snapshot;
import dev.keel.scheduler.framework.Status;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Finds a node for one pod: pre-filter, filter nodes from a rotating start until enough are feasible, pre-score,
 * score, and pick the best (ties broken at random). Used by the scheduling thread only.
 */
public final class ScheduleAlgorithm {

    private final RandomGenerator random;
    private int nextStartNode;

    public ScheduleAlgorithm(RandomGenerator random) {
        this.random = random;
    }

    public ScheduleAttempt schedule(Framework framework, CycleState state, PodInfo pod, Snapshot snapshot) {
        if (snapshot.size() == 0) {
            return ScheduleAttempt.unschedulable(new Diagnosis(Map.of(), 0));
        }
        Status preFilter = framework.runPreFilters(state, pod, snapshot);
        if (preFilter.code() == Code.ERROR) {
            return ScheduleAttempt.failed(preFilter);
        }
        if (!preFilter.isSuccess()) {
            Map<String, Status> all = new HashMap<>();
            snapshot.nodes().forEach(node -> all.put(node.name(), preFilter));
            return ScheduleAttempt.unschedulable(new Diagnosis(all, snapshot.size()));
        }
        Map<String, Status> rejected = new HashMap<>();
        List<NodeInfo> feasible = new ArrayList<>();
        int wanted = NodesToScore.of(snapshot.size(), framework.percentageOfNodesToScore());
        List<NodeInfo> nodes = snapshot.nodes();
        int start = nextStartNode % nodes.size();
        int evaluated = 0;
        for (; evaluated < nodes.size() && feasible.size() < wanted; evaluated++) {
            NodeInfo node = nodes.get((start + evaluated) % nodes.size());
            Status status = framework.runFilters(state, pod, node);
            if (status.isSuccess()) {
                feasible.add(node);
            } else if (status.code() == Code.ERROR) {
                return ScheduleAttempt.failed(status);
            } else {
                rejected.put(node.name(), status);
            }
        }
        nextStartNode = (start + evaluated) % nodes.size();
        if (feasible.isEmpty()) {
            return ScheduleAttempt.unschedulable(new Diagnosis(rejected, snapshot.size()));
        }
        if (feasible.size() == 1) {
            return ScheduleAttempt.chose(feasible.get(0).name(), evaluated, 1);
        }
        Status preScore = framework.runPreScores(state, pod, feasible, snapshot);
        if (!preScore.isSuccess()) {
            return ScheduleAttempt.failed(preScore);
        }
        long[] scores = framework.runScores(state, pod, feasible);
        return ScheduleAttempt.chose(best(feasible, scores), evaluated, feasible.size());
    }

    /** The highest score; among equal scores each node is equally likely (reservoir sampling). */
    private String best(List<NodeInfo> nodes, long[] scores) {
        int chosen = 0;
        int ties = 1;
        for (int i = 1; i < scores.length; i++) {
            if (scores[i] > scores[chosen]) {
                chosen = i;
                ties = 1;
            } else if (scores[i] == scores[chosen]) {
                ties++;
                if (random.nextInt(ties) == 0) {
                    chosen = i;
                }
            }
        }
        return nodes.get(chosen).name();
    }
}
