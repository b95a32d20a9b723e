package dev.keel.scheduler.plugins.nodeunschedulable;

import dev.keel.scheduler.framework.CycleState;
import dev.keel.scheduler.framework.FilterPlugin;
import dev.keel.scheduler.framework.NodeInfo;
import dev.keel.scheduler.framework.PodInfo;
import dev.keel.scheduler.framework.Status;
import dev.keel.runtime.objects.Tolerations;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;

/**
 * A cordoned node (spec.unschedulable) takes no new pods, except pods that tolerate the
 * {@code node.kubernetes.io/unschedulable:NoSchedule} taint, as DaemonSet pods do.
 */
public final class NodeUnschedulable implements FilterPlugin {

    public static final String NAME = "NodeUnschedulable";
    public static final String REASON = "node(s) were unschedulable";

    private static final Taint UNSCHEDULABLE = new TaintBuilder()
            .withKey("node.kubernetes.io/unschedulable").withEffect("NoSchedule").build();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
        if (!node.unschedulable()) {
            return Status.success();
        }
        if (Tolerations.tolerates(pod.pod().getSpec().getTolerations(), UNSCHEDULABLE)) {
            return Status.success();
        }
        return Status.unresolvable(REASON);
    }
}
