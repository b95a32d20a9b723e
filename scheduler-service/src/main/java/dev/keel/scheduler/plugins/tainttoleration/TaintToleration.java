package dev.keel.scheduler.plugins.tainttoleration;

import dev.keel.runtime.objects.Tolerations;
import dev.keel.scheduler.framework.CycleState;
import dev.keel.scheduler.framework.FilterPlugin;
import dev.keel.scheduler.framework.NodeInfo;
import dev.keel.scheduler.framework.PodInfo;
import dev.keel.scheduler.framework.ScorePlugin;
import dev.keel.scheduler.framework.Status;
import io.fabric8.kubernetes.api.model.Taint;
import java.util.List;

/**
 * Filters out nodes with a NoSchedule or NoExecute taint the pod does not tolerate, and scores nodes lower the more
 * PreferNoSchedule taints the pod does not tolerate.
 */
public final class TaintToleration implements FilterPlugin, ScorePlugin {

    public static final String NAME = "TaintToleration";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
        for (Taint taint : node.taints()) {
            boolean hard = "NoSchedule".equals(taint.getEffect()) || "NoExecute".equals(taint.getEffect());
            if (hard && !Tolerations.tolerates(pod.pod().getSpec().getTolerations(), taint)) {
                return Status.unresolvable("node(s) had untolerated taint {" + taint.getKey() + ": "
                        + (taint.getValue() == null ? "" : taint.getValue()) + "}");
            }
        }
        return Status.success();
    }

    /** The number of PreferNoSchedule taints not tolerated; normalize turns "fewer" into "higher". */
    @Override
    public long score(CycleState state, PodInfo pod, NodeInfo node) {
        long count = 0;
        for (Taint taint : node.taints()) {
            if ("PreferNoSchedule".equals(taint.getEffect())
                    && !Tolerations.tolerates(pod.pod().getSpec().getTolerations(), taint)) {
                count++;
            }
        }
        return count;
    }

    @Override
    public void normalize(CycleState state, PodInfo pod, List<NodeInfo> nodes, long[] scores) {
        long max = 0;
        for (long score : scores) {
            max = Math.max(max, score);
        }
        for (int i = 0; i < scores.length; i++) {
            scores[i] = max == 0 ? MAX_SCORE : MAX_SCORE - scores[i] * MAX_SCORE / max;
        }
    }
}
