package dev.keel.api.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.objects.StoredObject;
import dev.keel.api.registry.KindStrategies;
import dev.keel.api.registry.ObjectReader;
import dev.keel.api.resource.ResourceRegistry;
import dev.keel.api.resource.ResourceType;
import dev.keel.api.rest.ListOptions;
import dev.keel.api.status.Statuses;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * metrics.k8s.io/v1beta1, what {@code kubectl top} reads: on each request the pods (or nodes) asked for are read
 * from etcd, their nodes' agents are asked for current usage, and the answers are filtered to what was asked. No
 * history is kept; a pod whose node does not answer is left out, as with metrics-server.
 */
@RestController
public class ResourceMetricsController {

    private static final String PREFIX = "/apis/" + MetricsDiscovery.GROUP + "/" + MetricsDiscovery.VERSION;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ObjectReader reader;
    private final NodeLocator locator;
    private final NodeMetricsClient metrics;
    private final ResourceType pods;
    private final ResourceType nodes;
    private final KindStrategies strategies;

    public ResourceMetricsController(ObjectReader reader, NodeLocator locator, NodeMetricsClient metrics,
        ResourceRegistry registry, KindStrategies strategies) {
        this.strategies = strategies;
        this.reader = reader;
        this.locator = locator;
        this.metrics = metrics;
        this.pods = registry.find("", "v1", "pods").orElseThrow();
        this.nodes = registry.find("", "v1", "nodes").orElseThrow();
    }

    @GetMapping("/apis/" + MetricsDiscovery.GROUP)
    public ResponseEntity<ObjectNode> group() {
        return json(MetricsDiscovery.group());
    }

    @GetMapping(PREFIX)
    public ResponseEntity<ObjectNode> resources() {
        return json(MetricsDiscovery.resourceList());
    }

    @GetMapping(PREFIX + "/pods")
    public ResponseEntity<ObjectNode> allPods(HttpServletRequest request) {
        return json(list("PodMetricsList", podMetrics(null, null, request)));
    }

    @GetMapping(PREFIX + "/namespaces/{namespace}/pods")
    public ResponseEntity<ObjectNode> podsIn(@PathVariable String namespace, HttpServletRequest request) {
        return json(list("PodMetricsList", podMetrics(namespace, null, request)));
    }

    @GetMapping(PREFIX + "/namespaces/{namespace}/pods/{name}")
    public ResponseEntity<ObjectNode> pod(@PathVariable String namespace, @PathVariable String name,
        HttpServletRequest request) {
        return json((ObjectNode) podMetrics(namespace, name, request).stream().findFirst()
            .orElseThrow(() -> Statuses.notFound(MetricsDiscovery.GROUP, "podmetrics", name)));
    }

    @GetMapping(PREFIX + "/nodes")
    public ResponseEntity<ObjectNode> allNodes(HttpServletRequest request) {
        return json(list("NodeMetricsList", nodeMetrics(null, request)));
    }

    @GetMapping(PREFIX + "/nodes/{name}")
    public ResponseEntity<ObjectNode> node(@PathVariable String name, HttpServletRequest request) {
        return json((ObjectNode) nodeMetrics(name, request).stream().findFirst()
            .orElseThrow(() -> Statuses.notFound(MetricsDiscovery.GROUP, "nodemetrics", name)));
    }

    private List<JsonNode> podMetrics(String namespace, String name, HttpServletRequest request) {
        Map<String, JsonNode> wanted = new LinkedHashMap<>();
        Map<String, NodeTarget> targets = new LinkedHashMap<>();
        for (StoredObject stored : reader.list(pods, namespace, ListOptions.from(request, strategies.of(pods))).items()) {
            JsonNode pod = stored.object();
            String podName = pod.path("metadata").path("name").asText();
            String nodeName = pod.path("spec").path("nodeName").asText("");
            if ((name != null && !name.equals(podName)) || nodeName.isEmpty()
                || !"Running".equals(pod.path("status").path("phase").asText())) {
                continue;
            }
            wanted.put(pod.path("metadata").path("namespace").asText() + "/" + podName, pod);
            if (!targets.containsKey(nodeName)) {
                locator.node(nodeName).ifPresent(target -> targets.put(nodeName, target));
            }
        }
        List<JsonNode> items = new ArrayList<>();
        for (JsonNode item : metrics.pods(targets.values())) {
            JsonNode pod = wanted.get(item.path("metadata").path("namespace").asText() + "/"
                + item.path("metadata").path("name").asText());
            if (pod != null && item instanceof ObjectNode metricsItem) {
                ObjectNode metadata = (ObjectNode) metricsItem.with("metadata");
                if (pod.path("metadata").has("labels")) {
                    metadata.set("labels", pod.path("metadata").path("labels"));
                }
                items.add(metricsItem);
            }
        }
        return items;
    }

    private List<JsonNode> nodeMetrics(String name, HttpServletRequest request) {
        List<NodeTarget> targets = new ArrayList<>();
        Map<String, JsonNode> labels = new LinkedHashMap<>();
        for (StoredObject stored : reader.list(nodes, null, ListOptions.from(request, strategies.of(nodes))).items()) {
            JsonNode node = stored.object();
            String nodeName = node.path("metadata").path("name").asText();
            if (name == null || name.equals(nodeName)) {
                NodeLocator.target(node).ifPresent(targets::add);
                labels.put(nodeName, node.path("metadata").path("labels"));
            }
        }
        List<JsonNode> items = new ArrayList<>();
        metrics.nodes(targets).forEach((nodeName, item) -> {
            if (item instanceof ObjectNode metricsItem) {
                if (!labels.get(nodeName).isMissingNode()) {
                    ((ObjectNode) metricsItem.with("metadata")).set("labels", labels.get(nodeName));
                }
                items.add(metricsItem);
            }
        });
        return items;
    }

    private static ObjectNode list(String kind, List<JsonNode> items) {
        ObjectNode list = NODES.objectNode();
        list.put("kind", kind);
        list.put("apiVersion", MetricsDiscovery.GROUP + "/" + MetricsDiscovery.VERSION);
        list.putObject("metadata");
        list.putArray("items").addAll(items);
        return list;
    }

    private static ResponseEntity<ObjectNode> json(ObjectNode body) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
