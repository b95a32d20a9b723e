package dev.keel.scheduler.plugins.interpodaffinity;

import dev.keel.scheduler.framework.PodInfo;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Function;

/**
 * The affinity terms of existing pods, resolved once per pod rather than once per pod and cycle: every cycle reads
 * the terms of every pod on the nodes it looks at, and a PodInfo never changes. Entries go with their PodInfo.
 */
final class TermsOfPods {

    private final Map<PodInfo, List<AffinityTerm>> terms = Collections.synchronizedMap(new WeakHashMap<>());
    private final Function<PodInfo, List<AffinityTerm>> resolve;

    TermsOfPods(Function<PodInfo, List<AffinityTerm>> resolve) {
        this.resolve = resolve;
    }

    List<AffinityTerm> of(PodInfo pod) {
        return terms.computeIfAbsent(pod, resolve);
    }
}
