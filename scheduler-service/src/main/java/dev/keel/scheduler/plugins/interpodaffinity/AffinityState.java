package dev.keel.scheduler.plugins.interpodaffinity;

import dev.keel.scheduler.framework.CycleState;
import dev.keel.scheduler.framework.NodeInfo;
import dev.keel.scheduler.framework.PodInfo;
import java.util.List;
import java.util.Map;

/**
 * What the pre-filter counted for one pod: existing pods whose required anti-affinity rejects it, and existing pods
 * matching its own required affinity and anti-affinity terms, per topology pair.
 */
final class AffinityState implements CycleState.Cloneable {

    private static final TermsOfPods ANTI_AFFINITY = new TermsOfPods(pod -> AffinityTerm.of(pod.requiredAntiAffinityTerms(), pod));

    final List<AffinityTerm> affinity;
    final List<AffinityTerm> antiAffinity;
    final TopologyCounts existingAntiAffinity;
    final TopologyCounts affinityCounts;
    final TopologyCounts antiAffinityCounts;

    AffinityState(List<AffinityTerm> affinity, List<AffinityTerm> antiAffinity, TopologyCounts existingAntiAffinity,
                  TopologyCounts affinityCounts, TopologyCounts antiAffinityCounts) {
        this.affinity = affinity;
        this.antiAffinity = antiAffinity;
        this.existingAntiAffinity = existingAntiAffinity;
        this.affinityCounts = affinityCounts;
        this.antiAffinityCounts = antiAffinityCounts;
    }

    /** Counts (delta +1) or uncounts (delta -1) one existing pod on a node. */
    void count(PodInfo incoming, PodInfo existing, NodeInfo node, long delta) {
        Map<String, String> labels = node.labels();
        List<AffinityTerm> existingTerms = existing.requiredAntiAffinityTerms().isEmpty() ? List.of() : ANTI_AFFINITY.of(existing);
        for (AffinityTerm term : existingTerms) {
            if (term.matches(incoming)) {
                existingAntiAffinity.add(term.topologyKey(), labels.get(term.topologyKey()), delta);
            }
        }
        if (!affinity.isEmpty() && affinity.stream().allMatch(term -> term.matches(existing))) {
            for (AffinityTerm term : affinity) {
                affinityCounts.add(term.topologyKey(), labels.get(term.topologyKey()), delta);
            }
        }
        for (AffinityTerm term : antiAffinity) {
            if (term.matches(existing)) {
                antiAffinityCounts.add(term.topologyKey(), labels.get(term.topologyKey()), delta);
            }
        }
    }

    @Override
    public AffinityState copy() {
        return new AffinityState(affinity, antiAffinity, existingAntiAffinity.copy(), affinityCounts.copy(),
                antiAffinityCounts.copy());
    }
}
