package dev.keel.node.node;

import dev.keel.node.NodeAgentProperties;
import dev.keel.node.cri.v1.RuntimeCondition;
import dev.keel.node.cri.v1.RuntimeStatus;
import dev.keel.node.runtime.ContainerRuntime;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates this node's Node object (capacity, allocatable, addresses, pod range) when it is missing, and keeps its
 * Ready condition in line with the runtime's own conditions.
 */
public class NodeRegistration {

    private static final Logger log = LoggerFactory.getLogger(NodeRegistration.class);

    private final KubernetesClient client;
    private final NodeAgentProperties properties;
    private final ContainerRuntime runtime;
    private final Clock clock;
    private volatile Boolean lastReady;

    public NodeRegistration(KubernetesClient client, NodeAgentProperties properties, ContainerRuntime runtime,
        Clock clock) {
        this.client = client;
        this.properties = properties;
        this.runtime = runtime;
        this.clock = clock;
    }

    /** Creates the Node if it does not exist yet; an existing one keeps its spec (taints, unschedulable). */
    public void register() {
        String name = properties.getName();
        if (client.nodes().withName(name).get() == null) {
            Node node = new NodeBuilder()
                .withNewMetadata().withName(name)
                .withLabels(Map.of("kubernetes.io/hostname", name, "kubernetes.io/os", "linux"))
                .endMetadata()
                .withNewSpec().withPodCIDR(properties.getPodCidr()).withPodCIDRs(properties.getPodCidr()).endSpec()
                .build();
            client.nodes().resource(node).create();
            log.info("Registered node {} with pod range {}", name, properties.getPodCidr());
        }
        updateStatus();
    }

    /** Writes capacity, addresses and the Ready condition from the runtime's current health. */
    public void updateStatus() {
        boolean ready;
        String message;
        try {
            RuntimeStatus status = runtime.status();
            List<String> failing = status.getConditionsList().stream().filter(condition -> !condition.getStatus())
                .map(RuntimeCondition::getType).toList();
            ready = failing.isEmpty();
            message = ready ? "node agent is posting ready status" : "runtime not ready: " + failing;
        } catch (RuntimeException e) {
            ready = false;
            message = "container runtime unreachable: " + e.getMessage();
        }
        Node current = client.nodes().withName(properties.getName()).get();
        if (current == null) {
            register();
            return;
        }
        String now = clock.instant().toString();
        NodeCondition previous = current.getStatus() == null || current.getStatus().getConditions() == null ? null
            : current.getStatus().getConditions().stream().filter(condition -> "Ready".equals(condition.getType()))
                .findFirst().orElse(null);
        String status = ready ? "True" : "False";
        String transition = previous != null && status.equals(previous.getStatus())
            ? previous.getLastTransitionTime() : now;
        Map<String, Quantity> capacity = NodeCapacity.of(properties.getCapacity());
        Node updated = new NodeBuilder(current).editOrNewStatus()
            .withCapacity(capacity).withAllocatable(capacity)
            .withNewDaemonEndpoints().withNewKubeletEndpoint()
            .withPort(properties.getServer().isEnabled() ? properties.getServer().getPort() : 0)
            .endKubeletEndpoint().endDaemonEndpoints()
            .withAddresses(addresses())
            .withConditions(new NodeConditionBuilder().withType("Ready").withStatus(status)
                .withReason(ready ? "KubeletReady" : "KubeletNotReady").withMessage(message)
                .withLastHeartbeatTime(now).withLastTransitionTime(transition).build())
            .withNewNodeInfo().withContainerRuntimeVersion(runtimeVersion()).withKubeletVersion("v1.32.0-keel")
            .withOperatingSystem("linux").withArchitecture("amd64").endNodeInfo()
            .endStatus().build();
        client.nodes().resource(updated).updateStatus();
        if (lastReady == null || lastReady != ready) {
            log.info("Node {} is {}: {}", properties.getName(), ready ? "Ready" : "NotReady", message);
            lastReady = ready;
        }
    }

    private String runtimeVersion() {
        try {
            var version = runtime.version();
            return version.getRuntimeName() + "://" + version.getRuntimeVersion();
        } catch (RuntimeException e) {
            return "unknown";
        }
    }

    private List<NodeAddress> addresses() {
        List<NodeAddress> addresses = new ArrayList<>();
        addresses.add(new NodeAddress(properties.getName(), "Hostname"));
        properties.getInternalIps().forEach(ip -> addresses.add(new NodeAddress(ip, "InternalIP")));
        return addresses;
    }
}
