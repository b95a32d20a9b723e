package dev.keel.node.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.node.server.metrics.ResourceMetrics;
import io.fabric8.kubernetes.api.model.ListMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodListBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The kubelet's read-only endpoints that users reach through {@code nodes/proxy} ({@code kubectl get --raw
 * /api/v1/nodes/NODE/proxy/...}): {@code /pods} (the pods bound here, as this agent sees them), {@code /metrics} (the
 * agent's own Prometheus metrics) and {@code /stats/summary} (CPU and memory of the node and its pods in the
 * kubelet's Summary shape, from the runtime's container stats). {@code /healthz} is the request handler's.
 */
public class NodeInfoEndpoints {

    /** One answer: status code, content type and body. */
    public record Answer(int status, String contentType, String body) {
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String nodeName;
    private final Supplier<List<Pod>> pods;
    private final Supplier<Optional<String>> prometheus;
    private final ResourceMetrics metrics;
    private final Clock clock;

    /**
     * @param pods       the pods bound to this node
     * @param prometheus the agent's metrics in Prometheus' text format, empty when no Prometheus registry runs
     */
    public NodeInfoEndpoints(String nodeName, Supplier<List<Pod>> pods, Supplier<Optional<String>> prometheus,
        ResourceMetrics metrics, Clock clock) {
        this.nodeName = nodeName;
        this.pods = pods;
        this.prometheus = prometheus;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Whether {@code path} is one of these endpoints (cheap: nothing is read). */
    public boolean serves(String path) {
        return List.of("/pods", "/pods/", "/metrics", "/stats/summary", "/stats/summary/").contains(path);
    }

    /** The answer to {@code GET path}, or empty when the path is not one of these endpoints. */
    public Optional<Answer> answer(String path) {
        return switch (path) {
            case "/pods", "/pods/" -> Optional.of(new Answer(200, "application/json", Serialization.asJson(
                new PodListBuilder().withMetadata(new ListMetaBuilder().build()).withItems(pods.get()).build())));
            case "/metrics" -> Optional.of(prometheus.get()
                .map(text -> new Answer(200, "text/plain; version=0.0.4; charset=utf-8", text))
                .orElse(new Answer(404, "text/plain; charset=utf-8", "no Prometheus registry in this agent\n")));
            case "/stats/summary", "/stats/summary/" -> Optional.of(new Answer(200, "application/json",
                summary().toPrettyString()));
            default -> Optional.empty();
        };
    }

    /** The kubelet's stats Summary (node, pods, containers: cpu usageNanoCores, memory workingSetBytes). */
    private ObjectNode summary() {
        String now = clock.instant().toString();
        Map<String, String> uids = new HashMap<>();
        pods.get().forEach(pod -> uids.put(pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName(),
            pod.getMetadata().getUid()));
        ObjectNode summary = NODES.objectNode();
        ObjectNode node = summary.putObject("node");
        node.put("nodeName", nodeName);
        long nodeCpu = 0;
        long nodeMemory = 0;
        ArrayNode podStats = summary.putArray("pods");
        // Raw usage (bytes, nanocores): the Summary is not rounded to metrics.k8s.io's Quantities.
        Map<String, List<ResourceMetrics.Usage>> byPod = new LinkedHashMap<>();
        for (ResourceMetrics.Usage usage : metrics.usage()) {
            byPod.computeIfAbsent(usage.namespace() + "/" + usage.pod(), key -> new ArrayList<>()).add(usage);
        }
        for (List<ResourceMetrics.Usage> usages : byPod.values()) {
            ObjectNode stats = podStats.addObject();
            String namespace = usages.get(0).namespace();
            String name = usages.get(0).pod();
            stats.putObject("podRef").put("name", name).put("namespace", namespace)
                .put("uid", uids.getOrDefault(namespace + "/" + name, ""));
            ArrayNode containers = stats.putArray("containers");
            long podCpu = 0;
            long podMemory = 0;
            for (ResourceMetrics.Usage container : usages) {
                ObjectNode entry = containers.addObject().put("name", container.container());
                usage(entry, now, container.nanoCores(), container.memoryBytes());
                podCpu += container.nanoCores();
                podMemory += container.memoryBytes();
            }
            usage(stats, now, podCpu, podMemory);
            nodeCpu += podCpu;
            nodeMemory += podMemory;
        }
        usage(node, now, nodeCpu, nodeMemory);
        return summary;
    }

    private static void usage(ObjectNode entry, String now, long nanoCores, long memoryBytes) {
        entry.putObject("cpu").put("time", now).put("usageNanoCores", nanoCores);
        entry.putObject("memory").put("time", now).put("workingSetBytes", memoryBytes);
    }
}
