package dev.keel.api.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.api.node.NodeLocator;
import dev.keel.api.node.NodeTarget;
import dev.keel.api.objects.ObjectStorage;
import dev.keel.api.resource.ResourceRegistry;
import dev.keel.api.resource.ResourceType;
import dev.keel.api.status.Statuses;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Resolves the name part of a proxy URL to a backend, as kube-apiserver's ResourceLocation does: a pod to its IP and
 * port (the first declared container port when none is given), a service to a random ready endpoint of the named
 * port, a node to its agent (or, with another port, to that port of the node's address). platform-api dials pod IPs
 * itself, as kube-apiserver does: on the local cluster the host routes each node's pod range to that node.
 */
public class ProxyTargets {

    private final ObjectStorage storage;
    private final NodeLocator nodes;
    private final HttpClient podClient;
    private final HttpClient agentClient;
    private final ResourceType podType;
    private final ResourceType serviceType;
    private final ResourceType endpointsType;
    private final ResourceType nodeType;

    /**
     * @param podClient   reaches pods and other node ports (plain HTTP, or HTTPS without verification as
     *                    kube-apiserver's proxy transport does)
     * @param agentClient reaches node agents with platform-api's client certificate
     */
    public ProxyTargets(ObjectStorage storage, ResourceRegistry registry, NodeLocator nodes, HttpClient podClient,
            HttpClient agentClient) {
        this.storage = storage;
        this.nodes = nodes;
        this.podClient = podClient;
        this.agentClient = agentClient;
        this.podType = registry.find("", "v1", "pods").orElseThrow();
        this.serviceType = registry.find("", "v1", "services").orElseThrow();
        this.endpointsType = registry.find("", "v1", "endpoints").orElseThrow();
        this.nodeType = registry.find("", "v1", "nodes").orElseThrow();
    }

    public ProxyTarget pod(String namespace, String id) {
        SchemeNamePort parsed = SchemeNamePort.parse(id, "pod");
        JsonNode pod = storage.get(podType, namespace, parsed.name())
                .orElseThrow(() -> Statuses.notFound("", "pods", parsed.name())).object();
        String port = parsed.port();
        if (port.isEmpty()) {
            port = firstContainerPort(pod);
        } else if (!isNumber(port)) {
            port = namedContainerPort(pod, port);
        }
        String ip = pod.path("status").path("podIP").asText("");
        if (!globalUnicast(ip)) {
            throw Statuses.badRequest("address not allowed");
        }
        return new ProxyTarget(uri(parsed.schemeOrHttp(), ip, port), podClient,
                "pod " + namespace + "/" + parsed.name());
    }

    public ProxyTarget service(String namespace, String id) {
        SchemeNamePort parsed = SchemeNamePort.parse(id, "service");
        String name = parsed.name();
        JsonNode service = storage.get(serviceType, namespace, name)
                .orElseThrow(() -> Statuses.notFound("", "services", name)).object();
        String portName = parsed.port();
        if (isNumber(portName)) {
            portName = null;
            for (JsonNode port : service.path("spec").path("ports")) {
                if (port.path("port").asText().equals(parsed.port())) {
                    portName = port.path("name").asText("");
                    break;
                }
            }
            if (portName == null) {
                throw Statuses.unavailable("no service port " + parsed.port() + " found for service \"" + name + "\"",
                        null);
            }
        }
        JsonNode endpoints = storage.get(endpointsType, namespace, name)
                .orElseThrow(() -> Statuses.notFound("", "endpoints", name)).object();
        List<String> candidates = new ArrayList<>();
        for (JsonNode subset : endpoints.path("subsets")) {
            for (JsonNode port : subset.path("ports")) {
                if (port.path("name").asText("").equals(portName)) {
                    for (JsonNode address : subset.path("addresses")) {
                        candidates.add(uri(parsed.schemeOrHttp(), address.path("ip").asText(),
                                port.path("port").asText()).toString());
                    }
                }
            }
        }
        if (candidates.isEmpty()) {
            throw Statuses.unavailable("no endpoints available for service \"" + name + "\"", null);
        }
        String picked = candidates.get(ThreadLocalRandom.current().nextInt(candidates.size()));
        return new ProxyTarget(URI.create(picked), podClient, "service " + namespace + "/" + name);
    }

    public ProxyTarget node(String id) {
        SchemeNamePort parsed = SchemeNamePort.parse(id, "node");
        String name = parsed.name();
        JsonNode node = storage.get(nodeType, null, name)
                .orElseThrow(() -> Statuses.notFound("", "nodes", name)).object();
        NodeTarget agent = NodeLocator.target(node).orElseThrow(() -> Statuses.unavailable("node " + name
                + " publishes no agent address and port (status.addresses, "
                + "status.daemonEndpoints.kubeletEndpoint.port)", null));
        if (parsed.port().isEmpty() || parsed.port().equals(Integer.toString(agent.port()))) {
            return new ProxyTarget(URI.create(agent.baseUrl()), agentClient, "the agent of node " + name);
        }
        if (!isNumber(parsed.port())) {
            throw Statuses.badRequest("invalid node request \"" + id + "\"");
        }
        return new ProxyTarget(uri(parsed.schemeOrHttp(), agent.host(), parsed.port()), podClient,
                "node " + name + " port " + parsed.port());
    }

    private static String firstContainerPort(JsonNode pod) {
        for (JsonNode container : pod.path("spec").path("containers")) {
            JsonNode ports = container.path("ports");
            if (ports.size() > 0) {
                return ports.get(0).path("containerPort").asText();
            }
        }
        return "";
    }

    /** A port name resolves to the container port of that name (Kubernetes would try to dial the name itself). */
    private static String namedContainerPort(JsonNode pod, String name) {
        for (JsonNode container : pod.path("spec").path("containers")) {
            for (JsonNode port : container.path("ports")) {
                if (name.equals(port.path("name").asText())) {
                    return port.path("containerPort").asText();
                }
            }
        }
        throw Statuses.badRequest("pod " + pod.path("metadata").path("name").asText() + " has no container port named "
                + name);
    }

    private static boolean isNumber(String port) {
        return !port.isEmpty() && port.chars().allMatch(Character::isDigit) && port.length() <= 5;
    }

    /** Only a literal unicast address may be dialled (no names to resolve, no loopback, no wildcard). */
    private static boolean globalUnicast(String ip) {
        if (ip.isEmpty() || !(ip.contains(":") || ip.chars().allMatch(c -> Character.isDigit(c) || c == '.'))) {
            return false;
        }
        try {
            InetAddress address = InetAddress.getByName(ip);
            return !address.isAnyLocalAddress() && !address.isLoopbackAddress() && !address.isLinkLocalAddress()
                    && !address.isMulticastAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static URI uri(String scheme, String host, String port) {
        String bracketed = host.contains(":") ? "[" + host + "]" : host;
        return URI.create(scheme + "://" + bracketed + (port.isEmpty() ? "" : ":" + port));
    }
}
