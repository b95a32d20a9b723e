package dev.keel.scheduler.service;

import static dev.keel.scheduler.testing.NodeMaker.node;
import static dev.keel.scheduler.testing.PodMaker.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pods Kubernetes accepts but the fuzz run found the scheduler's informers stopping on (1 MiB commands, non-ASCII
 * text and control characters, null label values): they stream past a running scheduler, and before and after a
 * restart it keeps binding new pods.
 */
class OddObjectsSchedulingTest {

    private final TestCluster cluster = new TestCluster();
    private SchedulerInstance scheduler;

    @BeforeEach
    void start() {
        scheduler = SchedulerInstance.start(cluster, "--keel.scheduler.leader-election.enabled=false");
    }

    @AfterEach
    void stop() {
        scheduler.close();
        cluster.cleanUp();
        cluster.client.close();
    }

    @Test
    void oddPodsStreamPastTheSchedulerWhichKeepsBindingBeforeAndAfterARestart() throws Exception {
        cluster.node(node("odd-node").allocatable("cpu", "8", "memory", "16Gi", "pods", "110").build());
        String ns = cluster.namespace("odd-pods");
        oddPods(ns);
        assertBound(cluster.pod(ns, pod("good-1").build()));
        assertThat(health()).contains("\"status\":\"UP\"");

        scheduler.close();
        scheduler = SchedulerInstance.start(cluster, "--keel.scheduler.leader-election.enabled=false");
        assertBound(cluster.pod(ns, pod("good-2").build()));
        assertThat(health()).contains("\"status\":\"UP\"");
    }

    private void oddPods(String ns) {
        Pod big = pod("big-command").build();
        big.getSpec().getContainers().get(0).setCommand(List.of("sh", "-c", "x".repeat(1_000_000)));
        cluster.pod(ns, big);
        Pod text = pod("odd-text").build();
        text.getSpec().getContainers().get(0).setImage("é中😀".repeat(1000));
        text.getSpec().getContainers().get(0).setCommand(List.of("\u0000", "\u0001 é ".repeat(50_000)));
        text.getMetadata().setAnnotations(Map.of("note", "\u0000 ü".repeat(50_000)));
        cluster.pod(ns, text);
        Pod nullLabel = pod("null-label").build();
        Map<String, String> labels = new HashMap<>();
        labels.put("app", null);
        nullLabel.getMetadata().setLabels(labels);
        nullLabel.getSpec().setNodeSelector(new HashMap<>(labels));
        cluster.pod(ns, nullLabel);
    }

    private void assertBound(Pod pod) {
        await(pod.getMetadata().getName() + " bound").atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(cluster.get(pod).getSpec().getNodeName()).isEqualTo("odd-node"));
    }

    private String health() throws Exception {
        String port = scheduler.context.getEnvironment().getProperty("local.server.port");
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
        return response.body();
    }
}
