package dev.keel.scheduler.plugins.podtopologyspread;

import dev.keel.scheduler.framework.PodInfo;
import dev.keel.runtime.objects.LabelSelectors;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import java.util.ArrayList;
import java.util.List;

/** One topology spread constraint of a pod, read once. */
record SpreadConstraint(String topologyKey, int maxSkew, int minDomains, LabelSelector selector, boolean hard) {

    static final String HOSTNAME = "kubernetes.io/hostname";
    static final String ZONE = "topology.kubernetes.io/zone";

    /** Whether the pod names constraints of its own: then the system defaults do not apply. */
    static boolean hasOwn(PodInfo pod) {
        List<TopologySpreadConstraint> constraints = pod.pod().getSpec().getTopologySpreadConstraints();
        return constraints != null && !constraints.isEmpty();
    }

    /**
     * kube-scheduler's system default constraints, for a pod without constraints of its own: spread over hostnames
     * within a skew of 3 and over zones within 5, both ScheduleAnyway, counting the pods {@code selector} selects.
     */
    static List<SpreadConstraint> systemDefaults(LabelSelector selector) {
        return List.of(new SpreadConstraint(HOSTNAME, 3, 1, selector, false),
                new SpreadConstraint(ZONE, 5, 1, selector, false));
    }

    static List<SpreadConstraint> of(PodInfo pod, boolean hard) {
        List<TopologySpreadConstraint> constraints = pod.pod().getSpec().getTopologySpreadConstraints();
        List<SpreadConstraint> result = new ArrayList<>();
        if (constraints == null) {
            return result;
        }
        for (TopologySpreadConstraint constraint : constraints) {
            boolean isHard = !"ScheduleAnyway".equals(constraint.getWhenUnsatisfiable());
            if (isHard == hard) {
                result.add(new SpreadConstraint(constraint.getTopologyKey(),
                        constraint.getMaxSkew() == null ? 1 : constraint.getMaxSkew(),
                        constraint.getMinDomains() == null ? 1 : constraint.getMinDomains(),
                        constraint.getLabelSelector(), isHard));
            }
        }
        return result;
    }

    /** Whether an existing pod counts toward this constraint of the incoming pod (same namespace, selected). */
    boolean counts(PodInfo incoming, PodInfo existing) {
        return existing.namespace().equals(incoming.namespace())
                && existing.pod().getMetadata().getDeletionTimestamp() == null
                && LabelSelectors.matches(selector, existing.labels());
    }
}
