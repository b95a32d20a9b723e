package dev.keel.reconciler.nodelifecycle;

import dev.keel.runtime.controller.Informers;
import dev.keel.runtime.events.EventRecorder;
import dev.keel.runtime.reconcile.Reconciler;
import dev.keel.runtime.reconcile.Request;
import dev.keel.runtime.reconcile.Result;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.NodeSpec;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches node heartbeats: a node silent past the grace period gets every condition Unknown ("Kubelet stopped posting
 * node status."), and a node's conditions decide its condition taints ({@link ConditionTaints}: NoExecute and
 * NoSchedule for Ready Unknown/False, NoSchedule for pressure and cordoning), so they go once the node recovers.
 */
public final class NodeLifecycleReconciler implements Reconciler {

    private static final Logger log = LoggerFactory.getLogger(NodeLifecycleReconciler.class);
    static final String UNKNOWN_REASON = "NodeStatusUnknown";
    static final String UNKNOWN_MESSAGE = "Kubelet stopped posting node status.";
    private static final List<String> REPORTED_CONDITIONS = List.of("Ready", "MemoryPressure", "DiskPressure", "PIDPressure");

    private final KubernetesClient client;
    private final Informers informers;
    private final PodsByNode podsByNode;
    private final NotReadyPods notReadyPods;
    private final EventRecorder events;
    private final Clock clock;
    private final Duration gracePeriod;
    /** Nodes this process has seen, for the RegisteredNode event. */
    private final Set<String> registered = ConcurrentHashMap.newKeySet();

    public NodeLifecycleReconciler(KubernetesClient client, Informers informers, PodsByNode podsByNode, EventRecorder events,
            Clock clock, Duration gracePeriod) {
        this.client = client;
        this.informers = informers;
        this.podsByNode = podsByNode;
        this.notReadyPods = new NotReadyPods(client, events);
        this.events = events;
        this.clock = clock;
        this.gracePeriod = gracePeriod;
    }

    @Override
    public Result reconcile(Request request) {
        Optional<Node> cached = informers.get(Node.class, null, request.name());
        if (cached.isEmpty()) {
            registered.remove(request.name());
            return Result.done();
        }
        Node node = cached.get();
        if (registered.add(request.name())) {
            events.normal(node, "RegisteredNode", "Node " + request.name() + " event: Registered Node " + request.name() + " in Controller");
        }
        Instant now = clock.instant();
        Optional<Lease> lease = informers.get(Lease.class, NodeHeartbeats.LEASE_NAMESPACE, request.name());
        Instant lastHeartbeat = NodeHeartbeats.lastHeartbeat(node, lease);
        String readyStatus = NodeHeartbeats.readyCondition(node).map(NodeCondition::getStatus).orElse(null);
        boolean silent = NodeHeartbeats.isSilent(lastHeartbeat, now, gracePeriod);
        if (silent && !"Unknown".equals(readyStatus)) {
            markUnknown(node, now);
            // The status update wakes this node again; the taint follows from the new condition then.
            return Result.done();
        }
        Set<ConditionTaints.TaintKey> wanted = ConditionTaints.wanted(node);
        Optional<List<Taint>> taints = ConditionTaints.reconcile(node.getSpec() == null ? null : node.getSpec().getTaints(),
                wanted, now);
        if (taints.isPresent()) {
            setTaints(node, taints.get(), wanted);
        }
        if ("Unknown".equals(readyStatus) || "False".equals(readyStatus)) {
            notReadyPods.mark(podsByNode.on(request.name()), request.name(), now);
        }
        if (silent) {
            return Result.done();
        }
        // Look again just after the grace period would run out without a further heartbeat.
        return Result.requeueAfter(Duration.between(now, lastHeartbeat.plus(gracePeriod)).plusMillis(100));
    }

    private void markUnknown(Node cached, Instant now) {
        Node node = client.getKubernetesSerialization().clone(cached);
        String stamp = now.toString();
        List<NodeCondition> conditions = new ArrayList<>(node.getStatus() == null || node.getStatus().getConditions() == null
                ? List.of() : node.getStatus().getConditions());
        for (String type : REPORTED_CONDITIONS) {
            if (conditions.stream().noneMatch(condition -> type.equals(condition.getType()))) {
                // Never reported: Kubernetes adds it as Unknown too.
                conditions.add(new NodeConditionBuilder().withType(type).withStatus("Unknown")
                        .withReason("NodeStatusNeverUpdated").withMessage("Kubelet never posted node status.")
                        .withLastHeartbeatTime(stamp).withLastTransitionTime(stamp).build());
            }
        }
        for (NodeCondition condition : conditions) {
            if (!"Unknown".equals(condition.getStatus())) {
                condition.setStatus("Unknown");
                condition.setReason(UNKNOWN_REASON);
                condition.setMessage(UNKNOWN_MESSAGE);
                condition.setLastTransitionTime(stamp);
            }
        }
        if (node.getStatus() == null) {
            node.setStatus(new NodeStatus());
        }
        node.getStatus().setConditions(conditions);
        client.nodes().resource(node).updateStatus();
        log.info("Node {} has not been heard from within {}: its conditions are now Unknown", cached.getMetadata().getName(), gracePeriod);
        events.normal(cached, "NodeNotReady", "Node " + cached.getMetadata().getName() + " status is now: NodeNotReady");
    }

    private void setTaints(Node cached, List<Taint> taints, Set<ConditionTaints.TaintKey> wanted) {
        Node node = client.getKubernetesSerialization().clone(cached);
        if (node.getSpec() == null) {
            node.setSpec(new NodeSpec());
        }
        node.getSpec().setTaints(taints.isEmpty() ? null : taints);
        client.nodes().resource(node).update();
        String name = cached.getMetadata().getName();
        String described = wanted.stream().map(key -> key.key() + ":" + key.effect()).toList().toString();
        if (wanted.stream().anyMatch(key -> ConditionTaints.NO_EXECUTE.equals(key.effect()))) {
            log.info("Node {} is not Ready: condition taints now {}", name, described);
            events.normal(cached, "TaintedNode", "Node " + name + " tainted " + described);
        } else if (wasTaintedNotReady(cached)) {
            log.info("Node {} is Ready again: condition taints now {}", name, described);
            events.normal(cached, "NodeReady", "Node " + name + " status is now: NodeReady");
        } else {
            log.info("Node {}: condition taints now {}", name, described);
        }
    }

    private static boolean wasTaintedNotReady(Node node) {
        List<Taint> taints = node.getSpec() == null || node.getSpec().getTaints() == null ? List.of() : node.getSpec().getTaints();
        return taints.stream().anyMatch(taint -> ConditionTaints.UNREACHABLE.equals(taint.getKey())
                || ConditionTaints.NOT_READY.equals(taint.getKey()));
    }
}
