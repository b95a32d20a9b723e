package dev.keel.api.table;

import static dev.keel.api.table.JsonFields.UNKNOWN;
import static dev.keel.api.table.JsonFields.items;
import static dev.keel.api.table.JsonFields.orElse;
import static dev.keel.api.table.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/**
 * NAME STATUS ROLES AGE VERSION, and INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION CONTAINER-RUNTIME
 * with {@code -o wide}.
 */
@Component
public class NodeColumns implements TableColumns {

    private static final String ROLE_LABEL_PREFIX = "node-role.kubernetes.io/";
    private static final String LEGACY_ROLE_LABEL = "kubernetes.io/role";

    private static final List<ColumnDefinition> COLUMNS = List.of(
            ColumnDefinition.nameColumn(),
            ColumnDefinition.string("Status", "Ready, NotReady or Unknown, and SchedulingDisabled when cordoned."),
            ColumnDefinition.string("Roles", "Roles from the node's role labels."),
            ColumnDefinition.ageColumn(),
            ColumnDefinition.string("Version", "Kubelet version of the node."),
            ColumnDefinition.wide("Internal-IP", "First internal address of the node."),
            ColumnDefinition.wide("External-IP", "First external address of the node."),
            ColumnDefinition.wide("OS-Image", "Operating system image of the node."),
            ColumnDefinition.wide("Kernel-Version", "Kernel version of the node."),
            ColumnDefinition.wide("Container-Runtime", "Container runtime name and version of the node."));

    @Override
    public String kind() {
        return "Node";
    }

    @Override
    public List<ColumnDefinition> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(JsonNode node, Instant now) {
        JsonNode info = node.path("status").path("nodeInfo");
        return List.of(
                JsonFields.name(node),
                status(node),
                roles(node.path("metadata").path("labels")),
                JsonFields.age(node, now),
                text(info.path("kubeletVersion")),
                address(node, "InternalIP"),
                address(node, "ExternalIP"),
                orElse(text(info.path("osImage")), UNKNOWN),
                orElse(text(info.path("kernelVersion")), UNKNOWN),
                orElse(text(info.path("containerRuntimeVersion")), UNKNOWN));
    }

    private static String status(JsonNode node) {
        List<String> status = new ArrayList<>();
        JsonNode ready = null;
        // the last Ready condition wins should a status carry duplicates
        for (JsonNode condition : items(node.path("status").path("conditions"))) {
            if ("Ready".equals(text(condition.path("type")))) {
                ready = condition;
            }
        }
        if (ready == null) {
            status.add("Unknown");
        } else {
            status.add("True".equals(text(ready.path("status"))) ? "Ready" : "NotReady");
        }
        if (JsonFields.isTrue(node.path("spec").path("unschedulable"))) {
            status.add("SchedulingDisabled");
        }
        return String.join(",", status);
    }

    /** {@code node-role.kubernetes.io/<role>} keys and the legacy {@code kubernetes.io/role=<role>} value, sorted. */
    private static String roles(JsonNode labels) {
        TreeSet<String> roles = new TreeSet<>();
        if (labels.isObject()) {
            labels.properties().forEach(label -> {
                String key = label.getKey();
                if (key.startsWith(ROLE_LABEL_PREFIX) && key.length() > ROLE_LABEL_PREFIX.length()) {
                    roles.add(key.substring(ROLE_LABEL_PREFIX.length()));
                } else if (key.equals(LEGACY_ROLE_LABEL) && JsonFields.hasText(label.getValue())) {
                    roles.add(text(label.getValue()));
                }
            });
        }
        return roles.isEmpty() ? JsonFields.NONE : String.join(",", roles);
    }

    private static String address(JsonNode node, String type) {
        return items(node.path("status").path("addresses")).stream()
                .filter(a -> type.equals(text(a.path("type"))))
                .map(a -> text(a.path("address")))
                .findFirst()
                .orElse(JsonFields.NONE);
    }
}
