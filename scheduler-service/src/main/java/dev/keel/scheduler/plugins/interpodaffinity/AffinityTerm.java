package dev.keel.scheduler.plugins.interpodaffinity;

import dev.keel.scheduler.framework.PodInfo;
import dev.keel.runtime.objects.LabelSelectors;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import java.util.List;
import java.util.Set;

/**
 * A pod (anti-)affinity term resolved against the pod that carries it: which pods it selects (label selector, in
 * the listed namespaces, the carrier's own namespace when none are listed, or all namespaces for an empty
 * namespaceSelector) and the topology key that groups nodes.
 */
record AffinityTerm(LabelSelector selector, Set<String> namespaces, boolean allNamespaces, String topologyKey, long weight) {

    static AffinityTerm of(PodAffinityTerm term, PodInfo carrier, long weight) {
        List<String> listed = term.getNamespaces() == null ? List.of() : term.getNamespaces();
        LabelSelector namespaceSelector = term.getNamespaceSelector();
        boolean all = namespaceSelector != null && isEmpty(namespaceSelector);
        Set<String> namespaces = listed.isEmpty() && namespaceSelector == null ? Set.of(carrier.namespace()) : Set.copyOf(listed);
        return new AffinityTerm(term.getLabelSelector(), namespaces, all, term.getTopologyKey(), weight);
    }

    static List<AffinityTerm> of(List<PodAffinityTerm> terms, PodInfo carrier) {
        return terms.stream().map(term -> of(term, carrier, 1)).toList();
    }

    boolean matches(PodInfo pod) {
        return (allNamespaces || namespaces.contains(pod.namespace())) && LabelSelectors.matches(selector, pod.labels());
    }

    private static boolean isEmpty(LabelSelector selector) {
        return (selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty())
                && (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty());
    }
}
