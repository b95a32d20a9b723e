package dev.keel.scheduler.scheduling;

import dev.keel.scheduler.framework.Code;
import dev.keel.scheduler.framework.CycleState;
import dev.keel.scheduler.framework.Framework;
import dev.keel.scheduler.framework.NodeInfo;
import dev.keel.scheduler.framework.Parallelizer;
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

    /** Nodes filtered per parallel round at least, so that a round is worth spreading over threads. */
    private static final int MIN_ROUND = 256;

    private final RandomGenerator random;
    private final Parallelizer parallelizer;
    private int nextStartNode;

    public ScheduleAlgorithm(RandomGenerator random) {
        this(random, Parallelizer.SEQUENTIAL);
    }

    /** @param parallelizer runs filter and score over many nodes on several threads */
    public ScheduleAlgorithm(RandomGenerator random, Parallelizer parallelizer) {
        this.random = random;
        this.parallelizer = parallelizer;
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
        Parallelizer threads = parallelizer.isParallel(nodes.size()) ? parallelizer : Parallelizer.SEQUENTIAL;
        while (evaluated < nodes.size() && feasible.size() < wanted) {
            // A round of nodes is filtered (on several threads when it is long), then taken in order exactly as one
            // loop over them would: the same feasible nodes, the same stop, whatever ran beyond it is dropped.
            int round = nodes.size() - evaluated;
            Status[] statuses = null;
            if (threads != Parallelizer.SEQUENTIAL) {
                round = Math.min(round, Math.max(wanted - feasible.size(), MIN_ROUND));
                statuses = filter(threads, framework, state, pod, nodes, start + evaluated, round);
            }
            for (int i = 0; i < round && feasible.size() < wanted; i++) {
                NodeInfo node = nodes.get((start + evaluated) % nodes.size());
                evaluated++;
                Status status = statuses == null ? framework.runFilters(state, pod, node) : statuses[i];
                if (status.isSuccess()) {
                    feasible.add(node);
                } else if (status.code() == Code.ERROR) {
                    return ScheduleAttempt.failed(status);
                } else {
                    rejected.put(node.name(), status);
                }
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
        long[] scores = framework.runScores(state, pod, feasible, threads);
        return ScheduleAttempt.chose(best(feasible, scores), evaluated, feasible.size());
    }

    /** The filter statuses of {@code count} nodes from {@code from} on (wrapping around), in parallel. */
    private static Status[] filter(Parallelizer threads, Framework framework, CycleState state, PodInfo pod, List<NodeInfo> nodes,
                                   int from, int count) {
        Status[] statuses = new Status[count];
        threads.forEach(count, i -> statuses[i] = framework.runFilters(state, pod, nodes.get((from + i) % nodes.size())));
        return statuses;
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
