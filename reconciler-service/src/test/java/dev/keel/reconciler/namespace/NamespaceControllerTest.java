package dev.keel.reconciler.namespace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keel.api.testing.Kubectl;
import dev.keel.reconciler.testing.ReconcilerTestCluster;
import dev.keel.reconciler.testing.SimulatedKubelet;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceCondition;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Deleting a namespace empties it and then removes it, as with Kubernetes' namespace controller. */
class NamespaceControllerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final ReconcilerTestCluster cluster = ReconcilerTestCluster.shared();
    private final KubernetesClient client = cluster.client();

    private void fill(String namespace) {
        client.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder()
                .withNewMetadata().withName("settings").endMetadata().addToData("a", "b").build()).create();
        client.secrets().inNamespace(namespace).resource(new SecretBuilder()
                .withNewMetadata().withName("token").endMetadata().addToStringData("a", "b").build()).create();
        client.services().inNamespace(namespace).resource(new ServiceBuilder()
                .withNewMetadata().withName("web").endMetadata()
                .withNewSpec().addToSelector("app", "web").addNewPort().withPort(80).endPort().endSpec().build()).create();
        client.pods().inNamespace(namespace).resource(new PodBuilder()
                .withNewMetadata().withName("web").addToLabels("app", "web").endMetadata()
                .withNewSpec().addNewContainer().withName("main").withImage("localhost:5000/busybox:1.35").endContainer()
                .endSpec().build()).create();
    }

    @Test
    void kubectlDeleteNamespaceRemovesTheContentThenTheNamespace() {
        String namespace = cluster.createNamespace("doomed");
        try (SimulatedKubelet kubelet = new SimulatedKubelet(client, namespace, "node-" + namespace,
                Duration.ofMillis(100), Duration.ofMillis(300))) {
            fill(namespace);
            await().atMost(TIMEOUT).until(() -> "Running".equals(client.pods().inNamespace(namespace).withName("web").get()
                    .getStatus().getPhase()));
            Kubectl kubectl = new Kubectl(Kubectl.VERSIONS.get(0), cluster.api().kubeconfig());

            Kubectl.Result result = kubectl.run("delete", "namespace", namespace, "--timeout=50s");

            assertThat(result.exitCode()).as(result.all()).isZero();
            await().atMost(TIMEOUT).until(() -> client.namespaces().withName(namespace).get() == null);
            assertThat(client.pods().inNamespace(namespace).list().getItems()).isEmpty();
            assertThat(client.configMaps().inNamespace(namespace).list().getItems()).isEmpty();
        }
    }

    @Test
    void contentHeldByAFinalizerKeepsTheNamespaceTerminatingAndSaysWhy() {
        String namespace = cluster.createNamespace("held");
        client.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder()
                .withNewMetadata().withName("held").withFinalizers("example.com/hold").endMetadata().build()).create();

        client.namespaces().withName(namespace).delete();

        await().atMost(TIMEOUT).until(() -> condition(namespace, "NamespaceFinalizersRemaining")
                .map(condition -> "True".equals(condition.getStatus())).orElse(false));
        NamespaceCondition finalizers = condition(namespace, "NamespaceFinalizersRemaining").orElseThrow();
        assertThat(finalizers.getReason()).isEqualTo("SomeFinalizersRemain");
        assertThat(finalizers.getMessage()).contains("example.com/hold in 1 resource instances");
        NamespaceCondition remaining = condition(namespace, "NamespaceContentRemaining").orElseThrow();
        assertThat(remaining.getMessage()).contains("configmaps. has 1 resource instances");
        assertThat(client.namespaces().withName(namespace).get().getStatus().getPhase()).isEqualTo("Terminating");

        client.configMaps().inNamespace(namespace).withName("held")
                .edit(held -> new ConfigMapBuilder(held).editMetadata().withFinalizers(List.of()).endMetadata().build());

        await().atMost(TIMEOUT).until(() -> client.namespaces().withName(namespace).get() == null);
    }

    private Optional<NamespaceCondition> condition(String namespace, String type) {
        Namespace current = client.namespaces().withName(namespace).get();
        if (current == null || current.getStatus() == null || current.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return current.getStatus().getConditions().stream().filter(condition -> type.equals(condition.getType())).findFirst();
    }
}
