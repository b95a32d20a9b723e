package dev.keel.reconciler.daemonset;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides a DaemonSet pass: one pod on every node it belongs on, none elsewhere, failed pods replaced, extra pods
 * removed; then, once that holds, a rolling update within maxUnavailable (old pods deleted, their replacements created
 * on the next pass) or, with maxSurge, new pods started beside the old ones, which go once the new are available.
 */
public final class DaemonSetPlanner {

    private DaemonSetPlanner() {
    }

    public static DaemonSetPlan plan(List<NodeDaemons> nodes, boolean rollingUpdate, int maxUnavailable, int maxSurge) {
        List<String> createOn = new ArrayList<>();
        List<String> delete = new ArrayList<>();
        for (NodeDaemons node : nodes) {
            List<DaemonPod> live = node.pods().stream().filter(pod -> !pod.failed()).toList();
            node.pods().stream().filter(DaemonPod::failed).map(DaemonPod::name).forEach(delete::add);
            if (!node.eligibility().shouldContinueRunning()) {
                live.stream().map(DaemonPod::name).forEach(delete::add);
            } else if (live.isEmpty()) {
                if (node.eligibility().shouldRun() && !node.terminating()) {
                    createOn.add(node.node());
                }
            } else if (live.size() > 1 && !isSurging(live, maxSurge)) {
                // Keep an updated available pod if there is one, else the oldest.
                DaemonPod keep = live.stream().filter(pod -> pod.updated() && pod.available()).findFirst().orElse(live.get(0));
                live.stream().filter(pod -> pod != keep).map(DaemonPod::name).forEach(delete::add);
            }
        }
        if (!createOn.isEmpty() || !delete.isEmpty() || !rollingUpdate) {
            return new DaemonSetPlan(createOn, delete);
        }
        return maxSurge > 0 ? surge(nodes, maxSurge) : replace(nodes, maxUnavailable);
    }

    /** An old and a new pod side by side on a node, while the new one becomes available. */
    private static boolean isSurging(List<DaemonPod> live, int maxSurge) {
        return maxSurge > 0 && live.size() == 2 && live.stream().filter(DaemonPod::updated).count() == 1
                && live.stream().noneMatch(pod -> pod.updated() && pod.available());
    }

    private static DaemonSetPlan replace(List<NodeDaemons> nodes, int maxUnavailable) {
        List<String> delete = new ArrayList<>();
        long unavailable = nodes.stream()
                .filter(node -> node.eligibility().shouldContinueRunning())
                .filter(node -> node.pods().stream().noneMatch(DaemonPod::available))
                .filter(node -> node.eligibility().shouldRun() || !node.pods().isEmpty())
                .count();
        for (NodeDaemons node : nodes) {
            for (DaemonPod pod : node.pods()) {
                if (pod.updated()) {
                    continue;
                }
                if (!pod.available()) {
                    // Already unavailable: replacing it costs nothing.
                    delete.add(pod.name());
                } else if (unavailable < maxUnavailable) {
                    delete.add(pod.name());
                    unavailable++;
                }
            }
        }
        return new DaemonSetPlan(List.of(), delete);
    }

    private static DaemonSetPlan surge(List<NodeDaemons> nodes, int maxSurge) {
        List<String> createOn = new ArrayList<>();
        List<String> delete = new ArrayList<>();
        long surging = nodes.stream()
                .filter(node -> node.pods().stream().anyMatch(DaemonPod::updated) && node.pods().stream().anyMatch(pod -> !pod.updated()))
                .count();
        for (NodeDaemons node : nodes) {
            List<DaemonPod> old = node.pods().stream().filter(pod -> !pod.updated()).toList();
            if (old.isEmpty()) {
                continue;
            }
            boolean newAvailable = node.pods().stream().anyMatch(pod -> pod.updated() && pod.available());
            boolean hasNew = node.pods().stream().anyMatch(DaemonPod::updated);
            if (newAvailable || old.stream().noneMatch(DaemonPod::available)) {
                old.stream().map(DaemonPod::name).forEach(delete::add);
            } else if (!hasNew && node.eligibility().shouldRun() && surging < maxSurge) {
                createOn.add(node.node());
                surging++;
            }
        }
        return new DaemonSetPlan(createOn, delete);
    }
}
