package dev.keel.api.node;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.api.objects.ObjectStorage;
import dev.keel.api.resource.ResourceRegistry;
import dev.keel.api.resource.ResourceType;
import dev.keel.api.status.Statuses;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds the node agent behind a pod or a node, from the Pod's spec.nodeName and the Node's status. */
public class NodeLocator {

    private final ObjectStorage storage;
    private final ResourceType pods;
    private final ResourceType nodes;

    public NodeLocator(ObjectStorage storage, ResourceRegistry registry) {
        this.storage = storage;
        this.pods = registry.find("", "v1", "pods").orElseThrow();
        this.nodes = registry.find("", "v1", "nodes").orElseThrow();
    }

    /** The pod's node; 404 when the pod does not exist, 400 when it is not scheduled yet. */
    public NodeTarget forPod(String namespace, String name) {
        JsonNode pod = storage.get(pods, namespace, name).orElseThrow(() -> Statuses.notFound("", "pods", name))
            .object();
        String nodeName = pod.path("spec").path("nodeName").asText("");
        if (nodeName.isEmpty()) {
            throw Statuses.badRequest("pod " + name + " does not have a host assigned");
        }
        JsonNode node = storage.get(nodes, null, nodeName)
            .orElseThrow(() -> Statuses.notFound("", "nodes", nodeName)).object();
        return target(node).map(found -> new NodeTarget(found.node(), found.host(), found.port(), pod))
            .orElseThrow(() -> Statuses.unavailable("node " + nodeName + " publishes no agent address and port "
                + "(status.addresses, status.daemonEndpoints.kubeletEndpoint.port)", null));
    }

    /** The agent of the named node, or empty when there is no such node or it publishes no address or port. */
    public Optional<NodeTarget> node(String name) {
        return storage.get(nodes, null, name).flatMap(stored -> target(stored.object()));
    }

    /** The agent of a Node object, or empty when the node publishes no address or port. */
    public static Optional<NodeTarget> target(JsonNode node) {
        String name = node.path("metadata").path("name").asText();
        int port = node.path("status").path("daemonEndpoints").path("kubeletEndpoint").path("Port").asInt(0);
        List<JsonNode> addresses = new ArrayList<>();
        node.path("status").path("addresses").forEach(addresses::add);
        Optional<String> host = addresses.stream()
            .filter(address -> "InternalIP".equals(address.path("type").asText()))
            .map(address -> address.path("address").asText()).findFirst()
            .or(() -> addresses.stream().map(address -> address.path("address").asText()).findFirst());
        if (port <= 0 || host.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new NodeTarget(name, host.get(), port, null));
    }

    /** The container a request names, or the pod's only one; 400 otherwise, with Kubernetes' messages. */
    public static String container(NodeTarget target, String requested) {
        JsonNode spec = target.pod().path("spec");
        List<String> names = new ArrayList<>();
        spec.path("containers").forEach(container -> names.add(container.path("name").asText()));
        List<String> all = new ArrayList<>(names);
        spec.path("initContainers").forEach(container -> all.add(container.path("name").asText()));
        spec.path("ephemeralContainers").forEach(container -> all.add(container.path("name").asText()));
        String pod = target.pod().path("metadata").path("name").asText();
        if (requested == null || requested.isEmpty()) {
            if (names.size() == 1) {
                return names.get(0);
            }
            throw Statuses.badRequest("a container name must be specified for pod " + pod + ", choose one of: "
                + names);
        }
        if (!all.contains(requested)) {
            throw Statuses.badRequest("container " + requested + " is not valid for pod " + pod);
        }
        return requested;
    }
}
