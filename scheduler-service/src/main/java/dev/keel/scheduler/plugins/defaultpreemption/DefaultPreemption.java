package dev.keel.scheduler.plugins.defaultpreemption;

import dev.keel.scheduler.framework.Code;
import dev.keel.scheduler.framework.CycleState;
import dev.keel.scheduler.framework.FrameworkHandle;
import dev.keel.scheduler.framework.NodeInfo;
import dev.keel.scheduler.framework.PodInfo;
import dev.keel.scheduler.framework.PostFilterPlugin;
import dev.keel.scheduler.framework.PostFilterResult;
import dev.keel.scheduler.framework.Snapshot;
import dev.keel.scheduler.framework.Status;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * When no node fits, looks for the node where evicting the fewest lower-priority pods lets the pod fit: on each
 * node whose rejection preemption can resolve, remove every lower-priority pod, check the pod fits, then give back
 * the most important of them while it still fits; the rest are the victims. Evicts the victims of the best node.
 */
public final class DefaultPreemption implements PostFilterPlugin {

    public static final String NAME = "DefaultPreemption";

    private static final Comparator<PodInfo> MOST_IMPORTANT_FIRST = Comparator.comparingInt(PodInfo::priority).reversed();

    private final FrameworkHandle framework;
    private final PodEvictor evictor;

    public DefaultPreemption(FrameworkHandle framework, PodEvictor evictor) {
        this.framework = framework;
        this.evictor = evictor;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public PostFilterResult postFilter(CycleState state, PodInfo pod, Snapshot snapshot, Map<String, Status> filterStatuses) {
        if ("Never".equals(pod.pod().getSpec().getPreemptionPolicy())) {
            return PostFilterResult.failed(Status.unresolvable("not eligible due to preemptionPolicy=Never."));
        }
        List<Candidate> candidates = new ArrayList<>();
        for (Map.Entry<String, Status> entry : filterStatuses.entrySet()) {
            NodeInfo node = snapshot.get(entry.getKey());
            if (node != null && entry.getValue().code() == Code.UNSCHEDULABLE) {
                if (fitsOnceLeavingPodsAreGone(state, pod, node)) {
                    return PostFilterResult.nominated(node.name());
                }
                victimsOn(state, pod, node).ifPresent(victims -> candidates.add(new Candidate(node.name(), victims)));
            }
        }
        if (candidates.isEmpty()) {
            return PostFilterResult.failed(Status.unschedulable("No preemption victims found for incoming pod."));
        }
        Candidate best = candidates.stream().min(Candidate.BEST_FIRST).orElseThrow();
        for (PodInfo victim : best.victims()) {
            evictor.evict(victim, pod, best.node());
        }
        return PostFilterResult.nominated(best.node());
    }

    /** The lower-priority pods to remove from this node so the pod fits there, fewest first; empty if none do. */
    Optional<List<PodInfo>> victimsOn(CycleState original, PodInfo pod, NodeInfo node) {
        CycleState state = original.copy();
        List<PodInfo> lower = new ArrayList<>();
        NodeInfo trial = node;
        for (PodInfo existing : node.pods()) {
            if (existing.priority() < pod.priority()) {
                lower.add(existing);
                trial = trial.withoutPod(existing.key());
                framework.removePodFromState(state, pod, existing, node);
            }
        }
        if (lower.isEmpty() || !framework.runFilters(state, pod, trial).isSuccess()) {
            return Optional.empty();
        }
        lower.sort(MOST_IMPORTANT_FIRST);
        List<PodInfo> victims = new ArrayList<>();
        for (PodInfo candidate : lower) {
            NodeInfo withBack = trial.withPod(candidate);
            framework.addPodToState(state, pod, candidate, withBack);
            if (framework.runFilters(state, pod, withBack).isSuccess()) {
                trial = withBack;
            } else {
                framework.removePodFromState(state, pod, candidate, withBack);
                victims.add(candidate);
            }
        }
        return Optional.of(victims);
    }

    /**
     * Whether the pod fits once this node's lower-priority pods that are already terminating are gone: an earlier
     * attempt evicted them for it, so it waits for them instead of evicting more.
     */
    private boolean fitsOnceLeavingPodsAreGone(CycleState original, PodInfo pod, NodeInfo node) {
        CycleState state = null;
        NodeInfo trial = node;
        for (PodInfo existing : node.pods()) {
            if (existing.priority() < pod.priority() && existing.pod().getMetadata().getDeletionTimestamp() != null) {
                state = state == null ? original.copy() : state;
                trial = trial.withoutPod(existing.key());
                framework.removePodFromState(state, pod, existing, node);
            }
        }
        return state != null && framework.runFilters(state, pod, trial).isSuccess();
    }
}
