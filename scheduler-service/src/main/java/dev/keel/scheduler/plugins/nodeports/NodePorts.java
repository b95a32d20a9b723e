package dev.keel.scheduler.plugins.nodeports;

import dev.keel.scheduler.framework.CycleState;
import dev.keel.scheduler.framework.FilterPlugin;
import dev.keel.scheduler.framework.HostPort;
import dev.keel.scheduler.framework.NodeInfo;
import dev.keel.scheduler.framework.PodInfo;
import dev.keel.scheduler.framework.PreFilterPlugin;
import dev.keel.scheduler.framework.Snapshot;
import dev.keel.scheduler.framework.Status;
import java.util.List;

/** Filters out nodes where a host port the pod asks for is already taken (same protocol, overlapping address). */
public final class NodePorts implements PreFilterPlugin, FilterPlugin {

    public static final String NAME = "NodePorts";
    public static final String REASON = "node(s) didn't have free ports for the requested pod ports";

    private static final CycleState.Key<List<HostPort>> WANTED = new CycleState.Key<>(NAME);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status preFilter(CycleState state, PodInfo pod, Snapshot snapshot) {
        List<HostPort> ports = NodeInfo.hostPortsOf(pod);
        if (ports.isEmpty()) {
            return Status.skip();
        }
        state.write(WANTED, ports);
        return Status.success();
    }

    @Override
    public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
        List<HostPort> wanted = state.read(WANTED);
        if (wanted == null) {
            wanted = NodeInfo.hostPortsOf(pod);
        }
        for (HostPort port : wanted) {
            for (HostPort used : node.usedPorts()) {
                if (port.conflictsWith(used)) {
                    return Status.unschedulable(REASON);
                }
            }
        }
        return Status.success();
    }
}
