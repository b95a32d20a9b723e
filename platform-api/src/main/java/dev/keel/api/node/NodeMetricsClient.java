package dev.keel.api.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks node agents for their resource usage ({@code /metrics/pods}, {@code /metrics/node}), all nodes at once. A
 * node that does not answer in time is left out and logged, as metrics-server leaves out nodes it cannot scrape.
 */
public class NodeMetricsClient {

    private static final Logger log = LoggerFactory.getLogger(NodeMetricsClient.class);

    private final HttpClient client;
    private final ObjectMapper mapper;
    private final Duration timeout;

    public NodeMetricsClient(HttpClient client, ObjectMapper mapper, Duration timeout) {
        this.client = client;
        this.mapper = mapper;
        this.timeout = timeout;
    }

    /** Every PodMetrics the given nodes report. */
    public List<JsonNode> pods(Collection<NodeTarget> nodes) {
        List<JsonNode> items = new ArrayList<>();
        fetch(nodes, "/metrics/pods").values().forEach(list -> list.path("items").forEach(items::add));
        return items;
    }

    /** The NodeMetrics of each node that answered, by node name. */
    public Map<String, JsonNode> nodes(Collection<NodeTarget> nodes) {
        return fetch(nodes, "/metrics/node");
    }

    private Map<String, JsonNode> fetch(Collection<NodeTarget> nodes, String path) {
        Map<String, CompletableFuture<Optional<JsonNode>>> pending = new LinkedHashMap<>();
        for (NodeTarget node : nodes) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(node.baseUrl() + path)).timeout(timeout).GET()
                .build();
            pending.put(node.node(), client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(response -> {
                    if (response.statusCode() != 200) {
                        log.warn("Metrics of node {}: agent answered {}", node.node(), response.statusCode());
                        return Optional.<JsonNode>empty();
                    }
                    try {
                        return Optional.of(mapper.readTree(response.body()));
                    } catch (java.io.IOException e) {
                        log.warn("Metrics of node {}: unreadable answer: {}", node.node(), e.toString());
                        return Optional.<JsonNode>empty();
                    }
                })
                .exceptionally(failure -> {
                    log.warn("Metrics of node {}: {}", node.node(), failure.toString());
                    return Optional.empty();
                }));
        }
        Map<String, JsonNode> answers = new LinkedHashMap<>();
        pending.forEach((node, answer) -> answer.join().ifPresent(body -> answers.put(node, body)));
        return answers;
    }
}
