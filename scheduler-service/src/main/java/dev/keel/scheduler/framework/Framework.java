package dev.keel.scheduler.framework;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One profile's plugins, in order, per extension point, and the code that runs each point. A plugin instance that
 * implements several points is created once and listed under each.
 */
public final class Framework implements FrameworkHandle {

    private final String schedulerName;
    private final int percentageOfNodesToScore;
    private final List<PreFilterPlugin> preFilters = new ArrayList<>();
    private final List<FilterPlugin> filters = new ArrayList<>();
    private final List<PostFilterPlugin> postFilters = new ArrayList<>();
    private final List<PreScorePlugin> preScores = new ArrayList<>();
    private final List<ScorePlugin> scores = new ArrayList<>();
    private final List<Integer> scoreWeights = new ArrayList<>();
    private final List<ReservePlugin> reserves = new ArrayList<>();
    private final List<BindPlugin> binders = new ArrayList<>();

    /**
     * @param percentageOfNodesToScore 1-100, or 0 for Kubernetes' adaptive percentage
     */
    public Framework(String schedulerName, List<PluginSpec> plugins, int percentageOfNodesToScore, PluginRegistry registry) {
        this.schedulerName = schedulerName;
        this.percentageOfNodesToScore = percentageOfNodesToScore;
        Set<String> seen = new HashSet<>();
        for (PluginSpec spec : plugins) {
            if (!seen.add(spec.name())) {
                throw new IllegalArgumentException("profile " + schedulerName + " names plugin " + spec.name() + " twice");
            }
            Plugin plugin = registry.factory(spec.name()).create(spec.args(), this);
            add(plugin, spec.weight());
        }
        if (binders.isEmpty()) {
            throw new IllegalArgumentException("profile " + schedulerName + " has no bind plugin");
        }
    }

    private void add(Plugin plugin, int weight) {
        if (plugin instanceof PreFilterPlugin p) preFilters.add(p);
        if (plugin instanceof FilterPlugin p) filters.add(p);
        if (plugin instanceof PostFilterPlugin p) postFilters.add(p);
        if (plugin instanceof PreScorePlugin p) preScores.add(p);
        if (plugin instanceof ScorePlugin p) {
            scores.add(p);
            scoreWeights.add(weight);
        }
        if (plugin instanceof ReservePlugin p) reserves.add(p);
        if (plugin instanceof BindPlugin p) binders.add(p);
    }

    public String schedulerName() {
        return schedulerName;
    }

    public int percentageOfNodesToScore() {
        return percentageOfNodesToScore;
    }

    /** Runs the pre-filters; the first rejection or error ends the cycle. */
    public Status runPreFilters(CycleState state, PodInfo pod, Snapshot snapshot) {
        for (PreFilterPlugin plugin : preFilters) {
            Status status = run(plugin, () -> plugin.preFilter(state, pod, snapshot));
            if (status.isSkip()) {
                state.skipFilter(plugin.name());
            } else if (!status.isSuccess()) {
                return status;
            }
        }
        return Status.success();
    }

    /** Runs every filter not skipped on one node; the first rejection or error is the node's status. */
    @Override
    public Status runFilters(CycleState state, PodInfo pod, NodeInfo node) {
        // Called per node and cycle: no lambda, no copy, as in the other hot loop, runScores.
        for (int i = 0; i < filters.size(); i++) {
            FilterPlugin plugin = filters.get(i);
            if (state.isFilterSkipped(plugin.name())) {
                continue;
            }
            Status status;
            try {
                status = plugin.filter(state, pod, node);
            } catch (RuntimeException e) {
                status = Status.error(plugin.name() + " failed: " + e.getMessage(), e);
            }
            if (!status.isSuccess()) {
                return status.from(plugin.name());
            }
        }
        return Status.success();
    }

    @Override
    public List<FilterPlugin> filters() {
        return List.copyOf(filters);
    }

    @Override
    public void removePodFromState(CycleState state, PodInfo pod, PodInfo removed, NodeInfo node) {
        for (PreFilterPlugin plugin : preFilters) {
            if (!state.isFilterSkipped(plugin.name())) {
                plugin.removePod(state, pod, removed, node);
            }
        }
    }

    @Override
    public void addPodToState(CycleState state, PodInfo pod, PodInfo added, NodeInfo node) {
        for (PreFilterPlugin plugin : preFilters) {
            if (!state.isFilterSkipped(plugin.name())) {
                plugin.addPod(state, pod, added, node);
            }
        }
    }

    /** Runs post-filters until one succeeds. */
    public PostFilterResult runPostFilters(CycleState state, PodInfo pod, Snapshot snapshot, java.util.Map<String, Status> filterStatuses) {
        PostFilterResult last = PostFilterResult.failed(Status.unschedulable());
        for (PostFilterPlugin plugin : postFilters) {
            PostFilterResult result;
            try {
                result = plugin.postFilter(state, pod, snapshot, filterStatuses);
            } catch (RuntimeException e) {
                return PostFilterResult.failed(Status.error("post-filter " + plugin.name() + " failed: " + e.getMessage(), e).from(plugin.name()));
            }
            if (result.status().isSuccess()) {
                return result;
            }
            last = new PostFilterResult(result.status().from(plugin.name()), null);
        }
        return last;
    }

    public Status runPreScores(CycleState state, PodInfo pod, List<NodeInfo> feasible, Snapshot snapshot) {
        for (PreScorePlugin plugin : preScores) {
            Status status = run(plugin, () -> plugin.preScore(state, pod, feasible, snapshot));
            if (status.isSkip()) {
                state.skipScore(plugin.name());
            } else if (!status.isSuccess()) {
                return status;
            }
        }
        return Status.success();
    }

    /** The weighted sum of the normalized scores of each feasible node, in the order given. */
    public long[] runScores(CycleState state, PodInfo pod, List<NodeInfo> feasible) {
        return runScores(state, pod, feasible, Parallelizer.SEQUENTIAL);
    }

    /** The same, each plugin scoring the nodes in parallel (score plugins read the cycle state only). */
    public long[] runScores(CycleState state, PodInfo pod, List<NodeInfo> feasible, Parallelizer parallelizer) {
        long[] total = new long[feasible.size()];
        for (int p = 0; p < scores.size(); p++) {
            ScorePlugin plugin = scores.get(p);
            int weight = scoreWeights.get(p);
            if (weight == 0 || state.isScoreSkipped(plugin.name())) {
                continue;
            }
            long[] raw = new long[feasible.size()];
            parallelizer.forEach(raw.length, i -> raw[i] = plugin.score(state, pod, feasible.get(i)));
            plugin.normalize(state, pod, feasible, raw);
            for (int i = 0; i < raw.length; i++) {
                total[i] += raw[i] * weight;
            }
        }
        return total;
    }

    /** Runs the reserve plugins; on a rejection the ones already run are undone. */
    public Status runReserve(CycleState state, PodInfo pod, String nodeName) {
        for (int i = 0; i < reserves.size(); i++) {
            ReservePlugin plugin = reserves.get(i);
            Status status = run(plugin, () -> plugin.reserve(state, pod, nodeName));
            if (!status.isSuccess()) {
                for (int j = i; j >= 0; j--) {
                    reserves.get(j).unreserve(state, pod, nodeName);
                }
                return status;
            }
        }
        return Status.success();
    }

    /** Undoes every reserve plugin, last first. */
    public void runUnreserve(CycleState state, PodInfo pod, String nodeName) {
        for (int j = reserves.size() - 1; j >= 0; j--) {
            reserves.get(j).unreserve(state, pod, nodeName);
        }
    }

    /** Asks the binders in order until one handles the pod. */
    public Status runBind(CycleState state, PodInfo pod, String nodeName) {
        for (BindPlugin plugin : binders) {
            Status status = run(plugin, () -> plugin.bind(state, pod, nodeName));
            if (!status.isSkip()) {
                return status;
            }
        }
        return Status.error("no bind plugin handled pod " + pod.key(), null);
    }

    private static Status run(Plugin plugin, java.util.function.Supplier<Status> call) {
        try {
            return call.get().from(plugin.name());
        } catch (RuntimeException e) {
            return Status.error(plugin.name() + " failed: " + e.getMessage(), e).from(plugin.name());
        }
    }
}
