package dev.keel.reconciler.nodelifecycle;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

/** When a node was last heard from, and whether that is too long ago. */
public final class NodeHeartbeats {

    /** The namespace of the Leases kubelets renew as their heartbeat, one per node, named after it. */
    public static final String LEASE_NAMESPACE = "kube-node-lease";

    private NodeHeartbeats() {
    }

    /**
     * The latest of the Lease's renewTime and the Ready condition's lastHeartbeatTime; a node that never reported
     * counts from its creation, so it too turns Unknown after the grace period, as in Kubernetes.
     */
    public static Instant lastHeartbeat(Node node, Optional<Lease> lease) {
        Stream<Instant> leaseRenewal = lease
                .map(Lease::getSpec)
                .map(spec -> spec.getRenewTime())
                .map(time -> time.toInstant())
                .stream();
        Stream<Instant> readyHeartbeat = readyCondition(node)
                .map(NodeCondition::getLastHeartbeatTime)
                .filter(time -> time != null && !time.isEmpty())
                .map(Instant::parse)
                .stream();
        return Stream.concat(leaseRenewal, readyHeartbeat)
                .max(Instant::compareTo)
                .orElseGet(() -> Instant.parse(node.getMetadata().getCreationTimestamp()));
    }

    /** Whether {@code lastHeartbeat} is more than {@code gracePeriod} before {@code now}. */
    public static boolean isSilent(Instant lastHeartbeat, Instant now, Duration gracePeriod) {
        return lastHeartbeat.plus(gracePeriod).isBefore(now);
    }

    public static Optional<NodeCondition> readyCondition(Node node) {
        if (node.getStatus() == null || node.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return node.getStatus().getConditions().stream().filter(condition -> "Ready".equals(condition.getType())).findFirst();
    }
}
