package dev.keel.api.table;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Builds Pod JSON for tests: {@code pod().phase("Running").container("web", ready(true), restarts(2))}. */
final class PodBuilder {

    /** Changes a container's spec or status entry. */
    interface ContainerOption {
        void apply(ObjectNode spec, ObjectNode status);
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ObjectNode pod = NODES.objectNode();

    private PodBuilder() {
        pod.put("apiVersion", "v1").put("kind", "Pod");
        pod.putObject("metadata").put("name", "web-0").put("namespace", "default")
                .put("creationTimestamp", Fixtures.ago("10m"));
        pod.putObject("spec");
        pod.putObject("status");
    }

    static PodBuilder pod() {
        return new PodBuilder();
    }

    PodBuilder phase(String phase) {
        status().put("phase", phase);
        return this;
    }

    PodBuilder reason(String reason) {
        status().put("reason", reason);
        return this;
    }

    PodBuilder deleting() {
        ((ObjectNode) pod.get("metadata")).put("deletionTimestamp", Fixtures.ago("5s"));
        return this;
    }

    PodBuilder node(String node) {
        spec().put("nodeName", node);
        return this;
    }

    PodBuilder nominated(String node) {
        status().put("nominatedNodeName", node);
        return this;
    }

    PodBuilder ips(String... ips) {
        ArrayNode list = status().putArray("podIPs");
        for (String ip : ips) {
            list.addObject().put("ip", ip);
        }
        return this;
    }

    PodBuilder condition(String type, String status) {
        return condition(type, status, null);
    }

    PodBuilder condition(String type, String status, String reason) {
        ObjectNode condition = array(status(), "conditions").addObject().put("type", type).put("status", status);
        if (reason != null) {
            condition.put("reason", reason);
        }
        return this;
    }

    PodBuilder readinessGate(String conditionType) {
        array(spec(), "readinessGates").addObject().put("conditionType", conditionType);
        return this;
    }

    /** An app container with a status entry shaped by {@code options}. */
    PodBuilder container(String name, ContainerOption... options) {
        return add("containers", "containerStatuses", name, true, options);
    }

    /** An app container the kubelet has not reported on yet. */
    PodBuilder pendingContainer(String name) {
        return add("containers", "containerStatuses", name, false);
    }

    PodBuilder initContainer(String name, ContainerOption... options) {
        return add("initContainers", "initContainerStatuses", name, true, options);
    }

    PodBuilder pendingInitContainer(String name) {
        return add("initContainers", "initContainerStatuses", name, false);
    }

    /** An init container with restartPolicy Always. */
    PodBuilder sidecar(String name, ContainerOption... options) {
        add("initContainers", "initContainerStatuses", name, true, options);
        ArrayNode specs = (ArrayNode) spec().get("initContainers");
        ((ObjectNode) specs.get(specs.size() - 1)).put("restartPolicy", "Always");
        return this;
    }

    ObjectNode build() {
        return pod;
    }

    static ContainerOption ready(boolean ready) {
        return (spec, status) -> status.put("ready", ready);
    }

    static ContainerOption started(boolean started) {
        return (spec, status) -> status.put("started", started);
    }

    static ContainerOption restarts(int count) {
        return (spec, status) -> status.put("restartCount", count);
    }

    static ContainerOption running() {
        return (spec, status) -> state(status).putObject("running").put("startedAt", Fixtures.ago("9m"));
    }

    static ContainerOption waiting(String reason) {
        return (spec, status) -> state(status).putObject("waiting").put("reason", reason);
    }

    static ContainerOption terminated(String reason, int exitCode) {
        return (spec, status) -> {
            ObjectNode terminated = state(status).putObject("terminated").put("exitCode", exitCode);
            if (reason != null) {
                terminated.put("reason", reason);
            }
        };
    }

    static ContainerOption killedBy(int signal) {
        return (spec, status) -> state(status).putObject("terminated").put("exitCode", 137).put("signal", signal);
    }

    /** The previous run ended {@code ago} before the test clock, e.g. "5m". */
    static ContainerOption lastFinished(String ago) {
        return (spec, status) -> status.putObject("lastState").putObject("terminated")
                .put("exitCode", 1).put("reason", "Error").put("finishedAt", Fixtures.ago(ago));
    }

    private PodBuilder add(String specField, String statusField, String name, boolean reported, ContainerOption... options) {
        ObjectNode spec = array(spec(), specField).addObject().put("name", name).put("image", name + ":1");
        ObjectNode status = NODES.objectNode().put("name", name).put("ready", false).put("restartCount", 0);
        for (ContainerOption option : options) {
            option.apply(spec, status);
        }
        if (reported) {
            array(status(), statusField).add(status);
        }
        return this;
    }

    private static ObjectNode state(ObjectNode status) {
        return status.has("state") ? (ObjectNode) status.get("state") : status.putObject("state");
    }

    private static ArrayNode array(ObjectNode parent, String field) {
        return parent.has(field) ? (ArrayNode) parent.get(field) : parent.putArray(field);
    }

    private ObjectNode spec() {
        return (ObjectNode) pod.get("spec");
    }

    private ObjectNode status() {
        return (ObjectNode) pod.get("status");
    }
}
