package dev.keel.api.table;

import static dev.keel.api.table.JsonFields.NONE;
import static dev.keel.api.table.JsonFields.items;
import static dev.keel.api.table.JsonFields.orElse;
import static dev.keel.api.table.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/** NAME READY STATUS RESTARTS AGE, and IP NODE NOMINATED NODE READINESS GATES with {@code -o wide}. */
@Component
public class PodColumns implements TableColumns {

    private static final List<ColumnDefinition> COLUMNS = List.of(
            ColumnDefinition.nameColumn(),
            ColumnDefinition.string("Ready", "Ready containers out of all containers of the pod."),
            ColumnDefinition.string("Status", "One-word summary of the pod and its containers."),
            // a string since servers append when the last restart happened, e.g. "3 (5m ago)"
            ColumnDefinition.string("Restarts", "Container restarts, and how long ago the last one was."),
            ColumnDefinition.ageColumn(),
            ColumnDefinition.wide("IP", "The pod's primary IP address."),
            ColumnDefinition.wide("Node", "The node the pod is bound to."),
            ColumnDefinition.wide("Nominated Node", "The node the scheduler preempted pods on for this pod."),
            ColumnDefinition.wide("Readiness Gates", "Readiness gates whose condition is true, out of all gates."));

    @Override
    public String kind() {
        return "Pod";
    }

    @Override
    public List<ColumnDefinition> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(JsonNode pod, Instant now) {
        PodState state = PodState.of(pod);
        String restarts = String.valueOf(state.restarts());
        if (state.restarts() != 0 && state.lastRestart() != null) {
            restarts += " (" + Durations.since(state.lastRestart(), now) + " ago)";
        }
        JsonNode spec = pod.path("spec");
        JsonNode status = pod.path("status");
        return List.of(
                JsonFields.name(pod),
                state.ready() + "/" + state.total(),
                state.reason(),
                restarts,
                JsonFields.age(pod, now),
                orElse(podIP(status), NONE),
                orElse(text(spec.path("nodeName")), NONE),
                orElse(text(status.path("nominatedNodeName")), NONE),
                readinessGates(spec, status));
    }

    private static String podIP(JsonNode status) {
        List<JsonNode> ips = items(status.path("podIPs"));
        return ips.isEmpty() ? text(status.path("podIP")) : text(ips.get(0).path("ip"));
    }

    private static String readinessGates(JsonNode spec, JsonNode status) {
        List<JsonNode> gates = items(spec.path("readinessGates"));
        if (gates.isEmpty()) {
            return NONE;
        }
        int passed = 0;
        for (JsonNode gate : gates) {
            String type = text(gate.path("conditionType"));
            // only the first condition of a type counts, as in the kubelet's view of the pod
            JsonNode condition = items(status.path("conditions")).stream()
                    .filter(c -> type.equals(text(c.path("type"))))
                    .findFirst().orElse(null);
            if (condition != null && "True".equals(text(condition.path("status")))) {
                passed++;
            }
        }
        return passed + "/" + gates.size();
    }
}
