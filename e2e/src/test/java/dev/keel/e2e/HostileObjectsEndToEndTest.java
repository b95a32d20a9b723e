package dev.keel.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keel.e2e.RawRequests.Answer;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Objects Kubernetes accepts but that once stopped keel's control plane for good (issue 13, item 1): a ConfigMap
 * of almost 1 MiB, control characters such as U+0000 in a ConfigMap, a Secret and a container command, a 300 KB
 * image name and argument, a Service whose selector value is null. They are posted byte for byte, their watch
 * events go past the running scheduler and reconciler, and afterwards both still converge new objects, UP and not
 * restarted. The pods carrying hostile strings select no node, so they reach the scheduler but never a node.
 */
@LocalClusterTest
@Order(LocalClusterTest.HOSTILE)
class HostileObjectsEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Kubernetes' limit on a ConfigMap's data is 1 MiB in total; leave room for the key. */
    private static final int ALMOST_ONE_MIB = 1024 * 1024 - 1024;
    private static final String CONTROL = "a\u0000b\u0001c\u0007d\u001b[0m\u007f";
    private static final String LONG = "x".repeat(300 * 1024);
    /** A node selector no node matches: the pod stays Pending, seen by the scheduler, never run. */
    private static final Map<String, String> NO_NODE = Map.of("e2e.keel.dev/no-such-node", "true");

    private static LocalCluster cluster;
    private static KubernetesClient client;
    private static String namespace;

    @BeforeAll
    static void connect() {
        cluster = LocalCluster.get();
        client = cluster.fabric8();
        namespace = cluster.createNamespace("hostile");
    }

    @AfterAll
    static void disconnect() {
        if (cluster != null) {
            cluster.release(client, namespace);
        }
    }

    @Test
    void controlPlaneKeepsConvergingAfterHugeControlCharacterAndNullObjectsWentPast() {
        ControlPlaneConvergence convergence = ControlPlaneConvergence.observe(cluster);
        RawRequests raw = new RawRequests(client);
        String core = "/api/v1/namespaces/" + namespace;
        String apps = "/apis/apps/v1/namespaces/" + namespace;

        Map<String, Answer> accepted = new LinkedHashMap<>();
        accepted.put("ConfigMap of almost 1 MiB", raw.post(core + "/configmaps", json(Map.of(
                "apiVersion", "v1", "kind", "ConfigMap", "metadata", Map.of("name", "huge"),
                "data", Map.of("value", "v".repeat(ALMOST_ONE_MIB))))));
        accepted.put("ConfigMap with control characters", raw.post(core + "/configmaps", json(Map.of(
                "apiVersion", "v1", "kind", "ConfigMap",
                "metadata", Map.of("name", "control", "annotations", Map.of("note", CONTROL)),
                "data", Map.of("value", CONTROL, "long", LONG)))));
        accepted.put("Secret with control characters", raw.post(core + "/secrets", json(Map.of(
                "apiVersion", "v1", "kind", "Secret",
                "metadata", Map.of("name", "control", "annotations", Map.of("note", CONTROL)),
                "data", Map.of("bytes", Base64.getEncoder().encodeToString(CONTROL.getBytes(StandardCharsets.UTF_8))),
                "stringData", Map.of("text", CONTROL)))));
        accepted.put("Pod with control characters and 300 KB strings", raw.post(core + "/pods", json(Map.of(
                "apiVersion", "v1", "kind", "Pod", "metadata", Map.of("name", "hostile", "labels", Map.of("app", "hostile")),
                "spec", hostilePodSpec()))));
        accepted.put("Deployment of such pods", raw.post(apps + "/deployments", json(Map.of(
                "apiVersion", "apps/v1", "kind", "Deployment", "metadata", Map.of("name", "hostile"),
                "spec", Map.of("replicas", 2, "selector", Map.of("matchLabels", Map.of("app", "hostile-deployment")),
                        "template", Map.of("metadata", Map.of("labels", Map.of("app", "hostile-deployment")),
                                "spec", hostilePodSpec()))))));
        // Kubernetes decodes the null as "" and stores the Service; rejecting it would be acceptable too, a 5xx not.
        Answer nullSelector = raw.post(core + "/services", """
                {"apiVersion":"v1","kind":"Service","metadata":{"name":"null-selector"},
                 "spec":{"selector":{"app":null},"ports":[{"port":80,"targetPort":8080}]}}""");

        accepted.forEach((what, answer) -> System.out.printf("[e2e] %s: %s%n", what, answer.brief()));
        System.out.printf("[e2e] Service with a null selector value: %s%n", nullSelector.brief());
        assertThat(accepted).allSatisfy((what, answer) -> assertThat(answer.code()).as("%s: %s", what, answer.brief())
                .isBetween(200, 299));
        assertThat(nullSelector.code()).as("Service with a null selector value: %s", nullSelector.brief()).isLessThan(500);

        convergence.assertStillConverging(client, namespace, "after-hostile");
    }

    private static Map<String, Object> hostilePodSpec() {
        return Map.of("nodeSelector", NO_NODE, "containers", List.of(
                Map.of("name", "control", "image", LocalCluster.BUSYBOX, "command", List.of("sh", "-c", "echo " + CONTROL),
                        "env", List.of(Map.of("name", "CONTROL", "value", CONTROL))),
                Map.of("name", "long", "image", "localhost:5000/" + "a".repeat(300 * 1024),
                        "command", List.of("sh", "-c", "echo", LONG))));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("writing a request body", e);
        }
    }
}
