package dev.keel.api.admission.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.api.objects.ObjectStorage;
import dev.keel.api.objects.StoredObject;
import dev.keel.api.resource.ResourceRegistry;
import dev.keel.api.resource.ResourceType;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ServiceReference;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfig;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.stereotype.Component;

/**
 * Resolves a webhook's {@code clientConfig} to an address: a {@code url} as written; a {@code service} to a ready
 * endpoint of the Service's port (its EndpointSlices, else its Endpoints), with the certificate checked against
 * {@code <service>.<namespace>.svc}.
 */
@Component
public class WebhookTargets {

    private final ObjectStorage storage;
    private final ResourceType services;
    private final ResourceType endpointSlices;
    private final ResourceType endpoints;

    public WebhookTargets(ObjectStorage storage, ResourceRegistry registry) {
        this.storage = storage;
        this.services = registry.find("", "v1", "services").orElseThrow();
        this.endpointSlices = registry.find("discovery.k8s.io", "v1", "endpointslices").orElseThrow();
        this.endpoints = registry.find("", "v1", "endpoints").orElseThrow();
    }

    /** @throws WebhookCallException when the service has no usable endpoint */
    WebhookTarget resolve(WebhookClientConfig client, int timeoutSeconds) {
        String timeout = "timeout=" + timeoutSeconds + "s";
        if (client.getUrl() != null) {
            String url = client.getUrl() + (client.getUrl().contains("?") ? "&" : "?") + timeout;
            return new WebhookTarget(URI.create(url), url, null);
        }
        ServiceReference service = client.getService();
        int port = service.getPort() == null ? 443 : service.getPort();
        String path = service.getPath() == null || service.getPath().isEmpty() ? "/" : service.getPath();
        String serverName = service.getName() + "." + service.getNamespace() + ".svc";
        String shown = "https://" + serverName + ":" + port + path + "?" + timeout;
        String address = endpointAddress(service.getNamespace(), service.getName(), port, shown);
        return new WebhookTarget(URI.create("https://" + address + path + "?" + timeout), shown, serverName);
    }

    private String endpointAddress(String namespace, String name, int port, String shown) {
        JsonNode service = storage.get(services, namespace, name).map(StoredObject::object)
                .orElseThrow(() -> new WebhookCallException("Post \"" + shown + "\": service \"" + name + "\" not found"));
        JsonNode servicePort = null;
        for (JsonNode candidate : service.path("spec").path("ports")) {
            if (candidate.path("port").asInt() == port) {
                servicePort = candidate;
            }
        }
        if (servicePort == null) {
            throw new WebhookCallException("Post \"" + shown + "\": no service port " + port + " found for service \"" + name + "\"");
        }
        String portName = servicePort.path("name").asText("");
        List<String> ready = fromSlices(namespace, name, portName);
        if (ready.isEmpty()) {
            ready = fromEndpoints(namespace, name, portName);
        }
        if (ready.isEmpty()) {
            throw new WebhookCallException("Post \"" + shown + "\": no endpoints available for service \"" + name + "\"");
        }
        return ready.get(ThreadLocalRandom.current().nextInt(ready.size()));
    }

    /** {@code ip:port} of every ready endpoint of the slices labelled with the service's name. */
    private List<String> fromSlices(String namespace, String service, String portName) {
        List<String> addresses = new ArrayList<>();
        for (StoredObject stored : storage.list(endpointSlices, namespace, null, 0, 0).items()) {
            JsonNode slice = stored.object();
            if (!service.equals(slice.path("metadata").path("labels").path("kubernetes.io/service-name").asText(null))) {
                continue;
            }
            int port = portNumber(slice.path("ports"), portName);
            if (port <= 0) {
                continue;
            }
            for (JsonNode endpoint : slice.path("endpoints")) {
                if (endpoint.path("conditions").path("ready").asBoolean(true) && endpoint.path("addresses").size() > 0) {
                    addresses.add(hostPort(endpoint.path("addresses").get(0).asText(), port));
                }
            }
        }
        return addresses;
    }

    private List<String> fromEndpoints(String namespace, String service, String portName) {
        List<String> addresses = new ArrayList<>();
        storage.get(endpoints, namespace, service).ifPresent(stored -> {
            for (JsonNode subset : stored.object().path("subsets")) {
                int port = portNumber(subset.path("ports"), portName);
                if (port <= 0) {
                    continue;
                }
                for (JsonNode address : subset.path("addresses")) {
                    addresses.add(hostPort(address.path("ip").asText(), port));
                }
            }
        });
        return addresses;
    }

    private static int portNumber(JsonNode ports, String name) {
        for (JsonNode port : ports) {
            if (port.path("name").asText("").equals(name)) {
                return port.path("port").asInt();
            }
        }
        return -1;
    }

    private static String hostPort(String ip, int port) {
        return (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + port;
    }
}
