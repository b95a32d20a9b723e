package dev.keel.scheduler.profile;

import dev.keel.scheduler.framework.PluginArgs;
import dev.keel.scheduler.framework.PluginRegistry;
import dev.keel.scheduler.framework.PluginSpec;
import dev.keel.scheduler.framework.WorkloadLister;
import dev.keel.scheduler.plugins.balancedallocation.BalancedAllocation;
import dev.keel.scheduler.plugins.defaultbinder.DefaultBinder;
import dev.keel.scheduler.plugins.defaultbinder.PodBinder;
import dev.keel.scheduler.plugins.defaultpreemption.DefaultPreemption;
import dev.keel.scheduler.plugins.defaultpreemption.PodEvictor;
import dev.keel.scheduler.plugins.imagelocality.ImageLocality;
import dev.keel.scheduler.plugins.interpodaffinity.InterPodAffinity;
import dev.keel.scheduler.plugins.nodeaffinity.NodeAffinity;
import dev.keel.scheduler.plugins.nodename.NodeName;
import dev.keel.scheduler.plugins.nodeports.NodePorts;
import dev.keel.scheduler.plugins.noderesources.NodeResourcesFit;
import dev.keel.scheduler.plugins.noderesources.ScoringStrategy;
import dev.keel.scheduler.plugins.nodeunschedulable.NodeUnschedulable;
import dev.keel.scheduler.plugins.podtopologyspread.PodTopologySpread;
import dev.keel.scheduler.plugins.tainttoleration.TaintToleration;
import java.util.List;

/** The in-tree plugins and the default plugin set, in kube-scheduler's order and with its score weights. */
public final class DefaultPlugins {

    /** The NodeResourcesFit argument that picks its {@link ScoringStrategy}. */
    public static final String SCORING_STRATEGY = "scoringStrategy";

    private DefaultPlugins() {
    }

    /** The in-tree plugins without workload caches: pods are then spread only by constraints of their own. */
    public static PluginRegistry registry(PodBinder binder, PodEvictor evictor) {
        return registry(binder, evictor, WorkloadLister.NONE);
    }

    /** The in-tree plugins; {@code workloads} lets PodTopologySpread spread replicas by the system defaults. */
    public static PluginRegistry registry(PodBinder binder, PodEvictor evictor, WorkloadLister workloads) {
        return new PluginRegistry()
                .register(NodeUnschedulable.NAME, (args, handle) -> new NodeUnschedulable())
                .register(NodeName.NAME, (args, handle) -> new NodeName())
                .register(TaintToleration.NAME, (args, handle) -> new TaintToleration())
                .register(NodeAffinity.NAME, (args, handle) -> new NodeAffinity())
                .register(NodePorts.NAME, (args, handle) -> new NodePorts())
                .register(NodeResourcesFit.NAME, (args, handle) -> new NodeResourcesFit(
                        ScoringStrategy.valueOf(args.get(SCORING_STRATEGY, ScoringStrategy.LeastAllocated.name()))))
                .register(PodTopologySpread.NAME, (args, handle) -> new PodTopologySpread(workloads))
                .register(InterPodAffinity.NAME, (args, handle) -> new InterPodAffinity())
                .register(BalancedAllocation.NAME, (args, handle) -> new BalancedAllocation())
                .register(ImageLocality.NAME, (args, handle) -> new ImageLocality())
                .register(DefaultPreemption.NAME, (args, handle) -> new DefaultPreemption(handle, evictor))
                .register(DefaultBinder.NAME, (args, handle) -> new DefaultBinder(binder));
    }

    /**
     * Every in-tree plugin, NodeResourcesFit with the given strategy; with {@link ScoringStrategy#BalancedAllocation}
     * NodeResourcesFit only filters (score weight 0).
     */
    public static List<PluginSpec> plugins(ScoringStrategy strategy) {
        return List.of(
                PluginSpec.of(NodeUnschedulable.NAME),
                PluginSpec.of(NodeName.NAME),
                new PluginSpec(TaintToleration.NAME, 3, PluginArgs.NONE),
                new PluginSpec(NodeAffinity.NAME, 2, PluginArgs.NONE),
                PluginSpec.of(NodePorts.NAME),
                new PluginSpec(NodeResourcesFit.NAME, strategy == ScoringStrategy.BalancedAllocation ? 0 : 1,
                        new PluginArgs(java.util.Map.of(SCORING_STRATEGY, strategy.name()))),
                new PluginSpec(PodTopologySpread.NAME, 2, PluginArgs.NONE),
                new PluginSpec(InterPodAffinity.NAME, 2, PluginArgs.NONE),
                PluginSpec.of(BalancedAllocation.NAME),
                PluginSpec.of(ImageLocality.NAME),
                PluginSpec.of(DefaultPreemption.NAME),
                PluginSpec.of(DefaultBinder.NAME));
    }
}
