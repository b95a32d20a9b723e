package dev.keel.api.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.api.node.NodeLocator;
import dev.keel.api.node.NodeTarget;
import dev.keel.api.objects.ObjectStorage;
import dev.keel.api.resource.ResourceRegistry;
import dev.keel.api.resource.ResourceType;
import dev.keel.api.status.Statuses;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves the name part of a proxy URL to a backend, as kube-apiserver's ResourceLocation does: a pod to its IP and
 * port (the first declared container port when none is given), a service to a random ready endpoint of the named
 * port, a node to its agent (or, with another port, to that port of the node's address). platform-api dials pod IPs
 * itself, as kube-apiserver does: on the local cluster the host routes each node's pod range to that node. Every
 * address is checked first ({@link ProxyableAddresses}): loopback, link-local and the like are refused.
 */
public class ProxyTargets {

    private static final Logger log = LoggerFactory.getLogger(ProxyTargets.class);

    private final ObjectStorage storage;
    private final NodeLocator nodes;
    private final HttpClient podClient;
    private final HttpClient agentClient;
    private final ProxyableAddresses addresses;
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
            HttpClient agentClient, ProxyableAddresses addresses) {
        this.storage = storage;
        this.nodes = nodes;
        this.podClient = podClient;
        this.agentClient = agentClient;
        this.addresses = addresses;
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
        addresses.checkIp(ip);
        return new ProxyTarget(uri(parsed.schemeOrHttp(), ip, port), podClient,
                "pod " + namespace + "/" + parsed.name());
    }

    /**
     * A random endpoint address of the named service port, as kube-apiserver picks one: only addresses whose
     * targetRef names a pod of this namespace that has that IP (so an Endpoints written by hand cannot send
     * platform-api anywhere else), and only allowed addresses.
     */
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
        JsonNode subsets = endpoints.path("subsets");
        if (subsets.size() == 0) {
            throw Statuses.unavailable("no endpoints available for service \"" + name + "\"", null);
        }
        int subsetSeed = ThreadLocalRandom.current().nextInt(subsets.size());
        for (int s = 0; s < subsets.size(); s++) {
            JsonNode subset = subsets.get((subsetSeed + s) % subsets.size());
            JsonNode subsetAddresses = subset.path("addresses");
            if (subsetAddresses.size() == 0) {
                continue;
            }
            for (JsonNode port : subset.path("ports")) {
                if (!port.path("name").asText("").equals(portName)) {
                    continue;
                }
                int addressSeed = ThreadLocalRandom.current().nextInt(subsetAddresses.size());
                for (int a = 0; a < subsetAddresses.size(); a++) {
                    JsonNode address = subsetAddresses.get((addressSeed + a) % subsetAddresses.size());
                    String invalid = invalidAddress(namespace, address);
                    if (invalid != null) {
                        log.warn("service {}/{}: endpoint address {} skipped: {}", namespace, name,
                                address.path("ip").asText(), invalid);
                        continue;
                    }
                    return new ProxyTarget(uri(parsed.schemeOrHttp(), address.path("ip").asText(),
                            port.path("port").asText()), podClient, "service " + namespace + "/" + name);
                }
            }
        }
        // As kube-apiserver, this last answer names the id as the client wrote it.
        throw Statuses.unavailable("no endpoints available for service \"" + id + "\"", null);
    }

    /** Why an endpoint address may not be dialled (kube-apiserver's isValidAddress, plus the address check), or null. */
    private String invalidAddress(String namespace, JsonNode address) {
        String ip = address.path("ip").asText("");
        JsonNode ref = address.path("targetRef");
        if (ref.isMissingNode() || ref.isNull()) {
            return "the address has no target ref";
        }
        String kind = ref.path("kind").asText("Pod");
        if (!kind.equals("Pod")) {
            return "the address's target ref is a " + kind + ", not a Pod";
        }
        if (!namespace.equals(ref.path("namespace").asText(""))) {
            return "the address's target ref namespace doesn't match the service's";
        }
        String podName = ref.path("name").asText("");
        JsonNode pod = storage.get(podType, namespace, podName).map(stored -> stored.object()).orElse(null);
        if (pod == null) {
            return "pod " + namespace + "/" + podName + " is missing";
        }
        if (!podIps(pod).contains(ip)) {
            return "pod ip(s) don't match endpoint ip: " + podIps(pod) + " vs " + ip + " (" + namespace + "/"
                    + podName + ")";
        }
        return addresses.allowsIp(ip) ? null : "address not allowed";
    }

    private static List<String> podIps(JsonNode pod) {
        List<String> ips = new ArrayList<>();
        for (JsonNode podIp : pod.path("status").path("podIPs")) {
            ips.add(podIp.path("ip").asText());
        }
        String primary = pod.path("status").path("podIP").asText("");
        if (!primary.isEmpty() && !ips.contains(primary)) {
            ips.add(primary);
        }
        return ips;
    }

    public ProxyTarget node(String id) {
        SchemeNamePort parsed = SchemeNamePort.parse(id, "node");
        String name = parsed.name();
        JsonNode node = storage.get(nodeType, null, name)
                .orElseThrow(() -> Statuses.notFound("", "nodes", name)).object();
        NodeTarget agent = NodeLocator.target(node).orElseThrow(() -> Statuses.unavailable("node " + name
                + " publishes no agent address and port (status.addresses, "
                + "status.daemonEndpoints.kubeletEndpoint.port)", null));
        // As kube-apiserver, the node's address is checked whichever port is asked for.
        addresses.checkHost(agent.host());
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

    private static URI uri(String scheme, String host, String port) {
        String bracketed = host.contains(":") ? "[" + host + "]" : host;
        return URI.create(scheme + "://" + bracketed + (port.isEmpty() ? "" : ":" + port));
    }
}
