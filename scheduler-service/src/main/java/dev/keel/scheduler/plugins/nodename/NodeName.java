package dev.keel.scheduler.plugins.nodename;

import dev.keel.scheduler.framework.CycleState;
import dev.keel.scheduler.framework.FilterPlugin;
import dev.keel.scheduler.framework.NodeInfo;
import dev.keel.scheduler.framework.PodInfo;
import dev.keel.scheduler.framework.Status;

/** A pod that names a node (spec.nodeName set by its author) fits that node only. */
public final class NodeName implements FilterPlugin {

    public static final String NAME = "NodeName";
    public static final String REASON = "node(s) didn't match the requested node name";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
        String wanted = pod.nodeName();
        if (wanted == null || wanted.isEmpty() || wanted.equals(node.name())) {
            return Status.success();
        }
        return Status.unresolvable(REASON);
    }
}
