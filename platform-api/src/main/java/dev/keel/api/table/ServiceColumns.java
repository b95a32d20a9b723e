package dev.keel.api.table;

import static dev.keel.api.table.JsonFields.NONE;
import static dev.keel.api.table.JsonFields.hasText;
import static dev.keel.api.table.JsonFields.items;
import static dev.keel.api.table.JsonFields.number;
import static dev.keel.api.table.JsonFields.orElse;
import static dev.keel.api.table.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/** NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE, and SELECTOR with {@code -o wide}. */
@Component
public class ServiceColumns implements TableColumns {

    private static final List<ColumnDefinition> COLUMNS = List.of(
            ColumnDefinition.nameColumn(),
            ColumnDefinition.string("Type", "ClusterIP, NodePort, LoadBalancer or ExternalName."),
            ColumnDefinition.string("Cluster-IP", "The service's primary cluster IP."),
            ColumnDefinition.string("External-IP", "Addresses that reach the service from outside the cluster."),
            ColumnDefinition.string("Port(s)", "Service ports as port[:nodePort]/protocol."),
            ColumnDefinition.ageColumn(),
            ColumnDefinition.wide("Selector", "Labels of the pods that back the service."));

    @Override
    public String kind() {
        return "Service";
    }

    @Override
    public List<ColumnDefinition> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(JsonNode service, Instant now) {
        JsonNode spec = service.path("spec");
        // defaulting gives every stored service a type; an undefaulted one behaves as ClusterIP
        String type = orElse(text(spec.path("type")), "ClusterIP");
        return List.of(
                JsonFields.name(service),
                type,
                clusterIP(spec),
                externalIP(type, service),
                orElse(ports(spec), NONE),
                JsonFields.age(service, now),
                LabelText.labels(spec.path("selector")));
    }

    private static String clusterIP(JsonNode spec) {
        List<JsonNode> ips = items(spec.path("clusterIPs"));
        return orElse(ips.isEmpty() ? text(spec.path("clusterIP")) : text(ips.get(0)), NONE);
    }

    private static String externalIP(String type, JsonNode service) {
        JsonNode spec = service.path("spec");
        String external = JsonFields.join(spec.path("externalIPs"), JsonFields::text);
        return switch (type) {
            case "ClusterIP", "NodePort" -> orElse(external, NONE);
            case "LoadBalancer" -> loadBalancerIP(service.path("status").path("loadBalancer"), external);
            case "ExternalName" -> text(spec.path("externalName"));
            default -> JsonFields.UNKNOWN;
        };
    }

    /** Ingress points (sorted, distinct) followed by the explicit external IPs; {@code <pending>} while there are none. */
    private static String loadBalancerIP(JsonNode loadBalancer, String external) {
        TreeSet<String> ingress = new TreeSet<>();
        for (JsonNode point : items(loadBalancer.path("ingress"))) {
            if (hasText(point.path("ip"))) {
                ingress.add(text(point.path("ip")));
            } else if (hasText(point.path("hostname"))) {
                ingress.add(text(point.path("hostname")));
            }
        }
        List<String> all = new ArrayList<>(ingress);
        if (!external.isEmpty()) {
            all.add(external);
        }
        return all.isEmpty() ? "<pending>" : String.join(",", all);
    }

    /** {@code 80/TCP} or, with a node port, {@code 80:30080/TCP}. */
    private static String ports(JsonNode spec) {
        return JsonFields.join(spec.path("ports"), port -> {
            String protocol = orElse(text(port.path("protocol")), "TCP");
            long nodePort = number(port.path("nodePort"));
            return number(port.path("port")) + (nodePort > 0 ? ":" + nodePort : "") + "/" + protocol;
        });
    }
}
