package dev.keel.scheduler.plugins.interpodaffinity;

import dev.keel.scheduler.framework.CycleState;
import dev.keel.scheduler.framework.FilterPlugin;
import dev.keel.scheduler.framework.NodeInfo;
import dev.keel.scheduler.framework.PodInfo;
import dev.keel.scheduler.framework.PreFilterPlugin;
import dev.keel.scheduler.framework.PreScorePlugin;
import dev.keel.scheduler.framework.ScorePlugin;
import dev.keel.scheduler.framework.Snapshot;
import dev.keel.scheduler.framework.Status;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Pod affinity and anti-affinity by topology key. Filter: the node's topology domain must hold a pod matching every
 * required affinity term (or, if no pod anywhere does, the pod must match its own terms), no pod matching a required
 * anti-affinity term, and no existing pod whose required anti-affinity rejects this pod. Score: the weights of
 * preferred terms, this pod's and existing pods', summed per domain.
 */
public final class InterPodAffinity implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {

    public static final String NAME = "InterPodAffinity";
    public static final String AFFINITY_REASON = "node(s) didn't match pod affinity rules";
    public static final String ANTI_AFFINITY_REASON = "node(s) didn't match pod anti-affinity rules";
    public static final String EXISTING_ANTI_AFFINITY_REASON = "node(s) didn't satisfy existing pods anti-affinity rules";

    private static final CycleState.Key<AffinityState> FILTER_STATE = new CycleState.Key<>(NAME + "/filter");
    private static final CycleState.Key<TopologyCounts> SCORE_STATE = new CycleState.Key<>(NAME + "/score");
    private static final TermsOfPods PREFERRED = new TermsOfPods(InterPodAffinity::preferredTerms);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status preFilter(CycleState state, PodInfo pod, Snapshot snapshot) {
        AffinityState affinity = new AffinityState(AffinityTerm.of(pod.requiredAffinityTerms(), pod),
                AffinityTerm.of(pod.requiredAntiAffinityTerms(), pod), new TopologyCounts(), new TopologyCounts(), new TopologyCounts());
        boolean ownTerms = !affinity.affinity.isEmpty() || !affinity.antiAffinity.isEmpty();
        // Without terms of its own, only existing pods' required anti-affinity matters: the snapshot lists their nodes.
        for (NodeInfo node : ownTerms ? snapshot.nodes() : snapshot.nodesWithRequiredAntiAffinity()) {
            for (PodInfo existing : node.pods()) {
                affinity.count(pod, existing, node, 1);
            }
        }
        state.write(FILTER_STATE, affinity);
        return Status.success();
    }

    @Override
    public void addPod(CycleState state, PodInfo pod, PodInfo added, NodeInfo node) {
        AffinityState affinity = state.read(FILTER_STATE);
        if (affinity != null) {
            affinity.count(pod, added, node, 1);
        }
    }

    @Override
    public void removePod(CycleState state, PodInfo pod, PodInfo removed, NodeInfo node) {
        AffinityState affinity = state.read(FILTER_STATE);
        if (affinity != null) {
            affinity.count(pod, removed, node, -1);
        }
    }

    @Override
    public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
        AffinityState affinity = state.read(FILTER_STATE);
        if (affinity == null) {
            return Status.error("InterPodAffinity filter ran without its pre-filter state", null);
        }
        if (affinity.affinity.isEmpty() && affinity.antiAffinity.isEmpty() && affinity.existingAntiAffinity.hasNoEntries()) {
            return Status.success();
        }
        Map<String, String> labels = node.labels();
        for (Map.Entry<String, String> label : labels.entrySet()) {
            if (affinity.existingAntiAffinity.get(label.getKey(), label.getValue()) > 0) {
                return Status.unschedulable(EXISTING_ANTI_AFFINITY_REASON);
            }
        }
        for (AffinityTerm term : affinity.antiAffinity) {
            if (affinity.antiAffinityCounts.get(term.topologyKey(), labels.get(term.topologyKey())) > 0) {
                return Status.unschedulable(ANTI_AFFINITY_REASON);
            }
        }
        if (!affinity.affinity.isEmpty() && !satisfiesAffinity(affinity, pod, labels)) {
            return Status.unresolvable(AFFINITY_REASON);
        }
        return Status.success();
    }

    private static boolean satisfiesAffinity(AffinityState affinity, PodInfo pod, Map<String, String> labels) {
        boolean allFound = true;
        for (AffinityTerm term : affinity.affinity) {
            String value = labels.get(term.topologyKey());
            if (value == null) {
                return false;
            }
            if (affinity.affinityCounts.get(term.topologyKey(), value) <= 0) {
                allFound = false;
            }
        }
        if (allFound) {
            return true;
        }
        // The first pod of a group that wants to be together: no pod matches anywhere, but it matches itself.
        return affinity.affinityCounts.isEmpty() && affinity.affinity.stream().allMatch(term -> term.matches(pod));
    }

    @Override
    public Status preScore(CycleState state, PodInfo pod, List<NodeInfo> feasible, Snapshot snapshot) {
        List<AffinityTerm> preferred = preferredTerms(pod);
        TopologyCounts scores = new TopologyCounts();
        boolean any = false;
        for (NodeInfo node : preferred.isEmpty() ? snapshot.nodesWithPodAffinity() : snapshot.nodes()) {
            for (PodInfo existing : node.pods()) {
                for (AffinityTerm term : preferred) {
                    if (term.matches(existing)) {
                        scores.add(term.topologyKey(), node.labels().get(term.topologyKey()), term.weight());
                        any = true;
                    }
                }
                for (AffinityTerm term : PREFERRED.of(existing)) {
                    if (term.matches(pod)) {
                        scores.add(term.topologyKey(), node.labels().get(term.topologyKey()), term.weight());
                        any = true;
                    }
                }
            }
        }
        if (!any) {
            return Status.skip();
        }
        state.write(SCORE_STATE, scores);
        return Status.success();
    }

    @Override
    public long score(CycleState state, PodInfo pod, NodeInfo node) {
        TopologyCounts scores = state.read(SCORE_STATE);
        long sum = 0;
        for (Map.Entry<String, String> label : node.labels().entrySet()) {
            sum += scores.get(label.getKey(), label.getValue());
        }
        return sum;
    }

    /** Min-max scaling into [0, 100]; the sums may be negative. */
    @Override
    public void normalize(CycleState state, PodInfo pod, List<NodeInfo> nodes, long[] scores) {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (long score : scores) {
            min = Math.min(min, score);
            max = Math.max(max, score);
        }
        for (int i = 0; i < scores.length; i++) {
            scores[i] = max == min ? 0 : (scores[i] - min) * MAX_SCORE / (max - min);
        }
    }

    /** Preferred affinity terms with positive weights and anti-affinity terms with negative ones. */
    private static List<AffinityTerm> preferredTerms(PodInfo pod) {
        Affinity affinity = pod.pod().getSpec().getAffinity();
        if (affinity == null) {
            return List.of();
        }
        List<AffinityTerm> terms = new ArrayList<>();
        if (affinity.getPodAffinity() != null) {
            addWeighted(terms, affinity.getPodAffinity().getPreferredDuringSchedulingIgnoredDuringExecution(), pod, 1);
        }
        if (affinity.getPodAntiAffinity() != null) {
            addWeighted(terms, affinity.getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecution(), pod, -1);
        }
        return List.copyOf(terms);
    }

    private static void addWeighted(List<AffinityTerm> terms, List<WeightedPodAffinityTerm> weighted, PodInfo pod, int sign) {
        if (weighted == null) {
            return;
        }
        for (WeightedPodAffinityTerm term : weighted) {
            if (term.getPodAffinityTerm() != null && term.getWeight() != null) {
                terms.add(AffinityTerm.of(term.getPodAffinityTerm(), pod, (long) sign * term.getWeight()));
            }
        }
    }
}
