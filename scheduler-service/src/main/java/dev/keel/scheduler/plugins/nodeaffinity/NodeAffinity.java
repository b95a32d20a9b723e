package dev.keel.scheduler.plugins.nodeaffinity;

import dev.keel.scheduler.framework.CycleState;
import dev.keel.scheduler.framework.FilterPlugin;
import dev.keel.scheduler.framework.NodeInfo;
import dev.keel.scheduler.framework.PodInfo;
import dev.keel.scheduler.framework.ScorePlugin;
import dev.keel.scheduler.framework.Status;
import dev.keel.runtime.objects.NodeSelectors;
import io.fabric8.kubernetes.api.model.PreferredSchedulingTerm;
import java.util.List;
import java.util.Map;

/**
 * Filters nodes by the pod's nodeSelector and required node affinity (both must match), and scores them by the sum
 * of the weights of the preferred node-affinity terms they match.
 */
public final class NodeAffinity implements FilterPlugin, ScorePlugin {

    public static final String NAME = "NodeAffinity";
    public static final String REASON = "node(s) didn't match Pod's node affinity/selector";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
        // The pod's nodeSelector and required node affinity, by the one rule platform-runtime keeps.
        if (!NodeSelectors.podFits(pod.pod().getSpec(), node.name(), node.labels())) {
            return Status.unresolvable(REASON);
        }
        return Status.success();
    }

    @Override
    public long score(CycleState state, PodInfo pod, NodeInfo node) {
        io.fabric8.kubernetes.api.model.NodeAffinity affinity = nodeAffinityOf(pod);
        if (affinity == null || affinity.getPreferredDuringSchedulingIgnoredDuringExecution() == null) {
            return 0;
        }
        long sum = 0;
        for (PreferredSchedulingTerm term : affinity.getPreferredDuringSchedulingIgnoredDuringExecution()) {
            if (term.getWeight() != null && term.getWeight() != 0 && term.getPreference() != null
                    && NodeSelectors.matches(term.getPreference(), node.name(), node.labels())) {
                sum += term.getWeight();
            }
        }
        return sum;
    }

    /** Scales the scores so the best node gets the maximum. */
    @Override
    public void normalize(CycleState state, PodInfo pod, List<NodeInfo> nodes, long[] scores) {
        long max = 0;
        for (long score : scores) {
            max = Math.max(max, score);
        }
        if (max == 0) {
            return;
        }
        for (int i = 0; i < scores.length; i++) {
            scores[i] = scores[i] * MAX_SCORE / max;
        }
    }

    private static io.fabric8.kubernetes.api.model.NodeAffinity nodeAffinityOf(PodInfo pod) {
        var affinity = pod.pod().getSpec().getAffinity();
        return affinity == null ? null : affinity.getNodeAffinity();
    }
}
