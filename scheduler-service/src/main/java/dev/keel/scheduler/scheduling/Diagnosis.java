package dev.keel.scheduler.scheduling;

import dev.keel.scheduler.framework.Status;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Why no node fit: the rejection each node got, and the Kubernetes-style summary of it,
 * "0/5 nodes are available: 3 Insufficient cpu, 2 node(s) had untolerated taint {k: v}.".
 *
 * @param nodeStatuses the rejection per node name
 * @param totalNodes   how many nodes the cluster has
 */
public record Diagnosis(Map<String, Status> nodeStatuses, int totalNodes) {

    /** The plugins that rejected the pod on at least one node. */
    public Set<String> rejectingPlugins() {
        Set<String> plugins = new HashSet<>();
        nodeStatuses.values().forEach(status -> {
            if (status.plugin() != null) {
                plugins.add(status.plugin());
            }
        });
        return plugins;
    }

    /** Counts each reason over all nodes and lists them in sorted order, as kube-scheduler's FitError does. */
    public String summary() {
        Map<String, Integer> counts = new TreeMap<>();
        for (Status status : nodeStatuses.values()) {
            for (String reason : status.reasons()) {
                counts.merge(reason, 1, Integer::sum);
            }
        }
        StringBuilder message = new StringBuilder("0/").append(totalNodes).append(" nodes are available");
        if (!counts.isEmpty()) {
            message.append(": ");
            boolean first = true;
            for (Map.Entry<String, Integer> entry : counts.entrySet()) {
                if (!first) {
                    message.append(", ");
                }
                message.append(entry.getValue()).append(' ').append(entry.getKey());
                first = false;
            }
        }
        return message.append('.').toString();
    }
}
