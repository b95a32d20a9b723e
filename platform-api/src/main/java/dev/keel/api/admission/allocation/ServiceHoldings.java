package dev.keel.api.admission.allocation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.api.admission.ModelTrees;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What a stored service uses from the allocators, read from its JSON form so it works the same on a model
 * and on a raw stored object.
 *
 * @param uid         the service's uid
 * @param revision    its resourceVersion as a number, 0 when unknown
 * @param clusterIps  allocated cluster IPs ("None" excluded)
 * @param nodePorts   node ports and the health check node port, as decimal strings
 */
public record ServiceHoldings(String uid, long revision, Set<String> clusterIps, Set<String> nodePorts) {

    public static ServiceHoldings of(HasMetadata service) {
        return of(ModelTrees.tree(service));
    }

    public static ServiceHoldings of(JsonNode service) {
        JsonNode metadata = service.path("metadata");
        JsonNode spec = service.path("spec");
        Set<String> ips = new LinkedHashSet<>();
        String clusterIp = spec.path("clusterIP").asText("");
        if (!clusterIp.isEmpty() && !clusterIp.equals("None")) {
            ips.add(clusterIp);
        }
        for (JsonNode ip : spec.path("clusterIPs")) {
            if (!ip.asText().isEmpty() && !ip.asText().equals("None")) {
                ips.add(ip.asText());
            }
        }
        Set<String> ports = new LinkedHashSet<>();
        for (JsonNode port : spec.path("ports")) {
            int nodePort = port.path("nodePort").asInt(0);
            if (nodePort != 0) {
                ports.add(Integer.toString(nodePort));
            }
        }
        int healthCheck = spec.path("healthCheckNodePort").asInt(0);
        if (healthCheck != 0) {
            ports.add(Integer.toString(healthCheck));
        }
        long revision;
        try {
            revision = Long.parseLong(metadata.path("resourceVersion").asText("0"));
        } catch (NumberFormatException notANumber) {
            revision = 0;
        }
        return new ServiceHoldings(metadata.path("uid").asText(""), revision, ips, ports);
    }

    /** The owner string stored in allocation keys: {@code namespace/name/uid}. */
    public static String owner(HasMetadata service) {
        return service.getMetadata().getNamespace() + "/" + service.getMetadata().getName() + "/" + service.getMetadata().getUid();
    }
}
