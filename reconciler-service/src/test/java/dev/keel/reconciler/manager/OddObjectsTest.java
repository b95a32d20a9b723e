package dev.keel.reconciler.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keel.reconciler.testing.ReconcilerTestCluster;
import dev.keel.reconciler.testing.Workloads;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Objects Kubernetes accepts but the fuzz run found the controllers choking on: 1 MiB values, non-ASCII text and
 * control characters, a Service whose selector value is null, and Deployments that can never converge. They
 * stream past the running reconciler, survive its restart, and new Deployments still get their ReplicaSets.
 */
class OddObjectsTest {

    private static ReconcilerTestCluster cluster;
    private static KubernetesClient client;

    @BeforeAll
    static void cluster() {
        cluster = ReconcilerTestCluster.shared();
        client = cluster.client();
    }

    @Test
    void oddObjectsStreamPastTheRunningReconcilerWhichKeepsConverging() throws Exception {
        String namespace = cluster.createNamespace("odd");
        createOddObjects(namespace);
        assertConverges(namespace, "good");
        assertThat(health()).contains("\"status\":\"UP\"");
    }

    /** Observed: after a restart no controller started (an NPE on the null selector value) while health said UP. */
    @Test
    void afterARestartAmongOddAndAHundredBrokenObjectsANewDeploymentConverges() throws Exception {
        String namespace = cluster.createNamespace("odd-restart");
        createOddObjects(namespace);
        // A 250-character name leaves no room for the ReplicaSet's hash suffix: these keys fail for ever.
        for (int i = 0; i < 100; i++) {
            String name = ("broken-" + i + "-").concat("a".repeat(250)).substring(0, 250);
            client.apps().deployments().inNamespace(namespace)
                    .resource(Workloads.deployment(name, 1, Map.of("app", "broken-" + i))).create();
        }
        cluster.stopReconciler();
        cluster.startReconciler();
        assertConverges(namespace, "after-restart");
        assertThat(health()).contains("\"status\":\"UP\"");
    }

    private static void createOddObjects(String namespace) {
        client.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder().withNewMetadata().withName("big")
                .endMetadata().addToData("v", "x".repeat(1_000_000)).build()).create();
        client.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder().withNewMetadata().withName("text")
                .endMetadata().addToData("v", "é中😀\u0000\u0001 ".repeat(30_000)).build()).create();
        client.secrets().inNamespace(namespace).resource(new SecretBuilder().withNewMetadata().withName("odd")
                .addToAnnotations("note", "\u0000 é".repeat(50_000)).endMetadata()
                .addToStringData("v", "y".repeat(300_000)).build()).create();
        Deployment odd = Workloads.deployment("odd-image", 1, Map.of("app", "odd-image"));
        odd.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("i".repeat(300_000));
        odd.getSpec().getTemplate().getSpec().getContainers().get(0)
                .setCommand(List.of("sh", "-c", "\u0000 é ".repeat(1000)));
        client.apps().deployments().inNamespace(namespace).resource(odd).create();
        client.pods().inNamespace(namespace).resource(new PodBuilder().withNewMetadata().withName("odd-pod")
                .addToLabels("app", "").endMetadata().withNewSpec().addNewContainer().withName("c")
                .withImage("é".repeat(100)).withCommand("\u0000").endContainer().endSpec().build()).create();
        Map<String, String> nullSelector = new HashMap<>();
        nullSelector.put("app", null);
        Service service = new ServiceBuilder().withNewMetadata().withName("null-selector").endMetadata()
                .withNewSpec().withSelector(nullSelector).addNewPort().withPort(80).endPort().endSpec().build();
        client.services().inNamespace(namespace).resource(service).create();
    }

    private static void assertConverges(String namespace, String name) {
        client.apps().deployments().inNamespace(namespace)
                .resource(Workloads.deployment(name, 2, Map.of("app", name))).create();
        await(name + " gets its ReplicaSet and pods").atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<ReplicaSet> sets = client.apps().replicaSets().inNamespace(namespace).list().getItems().stream()
                    .filter(set -> set.getMetadata().getName().startsWith(name + "-")).toList();
            assertThat(sets).hasSize(1);
            assertThat(client.pods().inNamespace(namespace).withLabel("app", name).list().getItems()).hasSize(2);
        });
    }

    private static String health() throws Exception {
        String port = cluster.reconciler().getEnvironment().getProperty("local.server.port");
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
        return response.body();
    }
}
