package dev.keel.scheduler.plugins.podtopologyspread;

import dev.keel.scheduler.framework.NodeInfo;
import dev.keel.scheduler.framework.PodInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What scoring by soft constraints needs, computed once per cycle as kube-scheduler does: the feasible nodes left out
 * (missing a topology key, when every key is required), the matching pods per domain of each non-hostname
 * constraint (over every node the pod may go to, for the domains of the feasible nodes), and each constraint's
 * weight, the log of its domain count plus 2, so a topology with few domains is not drowned by one with many.
 */
final class ScoreState {

    final List<SpreadConstraint> constraints;
    final Set<String> ignored;
    final List<Map<String, Long>> counts;
    final double[] weights;

    private ScoreState(List<SpreadConstraint> constraints, Set<String> ignored, List<Map<String, Long>> counts, double[] weights) {
        this.constraints = constraints;
        this.ignored = ignored;
        this.counts = counts;
        this.weights = weights;
    }

    /**
     * @param requireAll whether a node must have every topology key to be scored (constraints of the pod's own);
     *                   with the system defaults a node without a zone is still spread over by hostname
     * @param eligible   whether a node passes the pod's node selection, so its pods count
     */
    static ScoreState of(PodInfo pod, List<SpreadConstraint> constraints, boolean requireAll, List<NodeInfo> feasible,
            List<NodeInfo> all, Predicate<NodeInfo> eligible) {
        Set<String> ignored = new HashSet<>();
        List<Map<String, Long>> counts = new ArrayList<>();
        constraints.forEach(constraint -> counts.add(new HashMap<>()));
        for (NodeInfo node : feasible) {
            if (requireAll && !hasEveryKey(node, constraints)) {
                ignored.add(node.name());
                continue;
            }
            for (int i = 0; i < constraints.size(); i++) {
                String value = node.labels().get(constraints.get(i).topologyKey());
                if (!isHostname(constraints.get(i)) && value != null) {
                    counts.get(i).putIfAbsent(value, 0L);
                }
            }
        }
        double[] weights = new double[constraints.size()];
        for (int i = 0; i < constraints.size(); i++) {
            int domains = isHostname(constraints.get(i)) ? feasible.size() - ignored.size() : counts.get(i).size();
            weights[i] = Math.log(domains + 2);
        }
        for (NodeInfo node : all) {
            if ((requireAll && !hasEveryKey(node, constraints)) || !eligible.test(node)) {
                continue;
            }
            for (int i = 0; i < constraints.size(); i++) {
                String value = node.labels().get(constraints.get(i).topologyKey());
                // Hostname counts are the node's own, taken when it is scored.
                if (!isHostname(constraints.get(i)) && value != null && counts.get(i).containsKey(value)) {
                    counts.get(i).merge(value, matching(pod, constraints.get(i), node), Long::sum);
                }
            }
        }
        return new ScoreState(constraints, ignored, counts, weights);
    }

    /**
     * Matching pods in the node's domains, each counted by its constraint's weight, plus maxSkew - 1 per constraint
     * (a larger skew allowed waters the differences down); -1 for a node left out.
     */
    long score(PodInfo pod, NodeInfo node) {
        if (ignored.contains(node.name())) {
            return -1;
        }
        double sum = 0;
        for (int i = 0; i < constraints.size(); i++) {
            SpreadConstraint constraint = constraints.get(i);
            String value = node.labels().get(constraint.topologyKey());
            if (value == null) {
                continue;
            }
            long count = isHostname(constraint) ? matching(pod, constraint, node) : counts.get(i).getOrDefault(value, 0L);
            sum += count * weights[i] + (constraint.maxSkew() - 1);
        }
        return Math.round(sum);
    }

    static long matching(PodInfo pod, SpreadConstraint constraint, NodeInfo node) {
        long matching = 0;
        for (PodInfo existing : node.pods()) {
            if (constraint.counts(pod, existing)) {
                matching++;
            }
        }
        return matching;
    }

    private static boolean isHostname(SpreadConstraint constraint) {
        return SpreadConstraint.HOSTNAME.equals(constraint.topologyKey());
    }

    private static boolean hasEveryKey(NodeInfo node, List<SpreadConstraint> constraints) {
        for (SpreadConstraint constraint : constraints) {
            if (!node.labels().containsKey(constraint.topologyKey())) {
                return false;
            }
        }
        return true;
    }
}
