package dev.keel.reconciler.namespace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keel.api.testing.Kubectl;
import dev.keel.reconciler.testing.ReconcilerTestCluster;
import dev.keel.reconciler.testing.SimulatedKubelet;
import dev.keel.reconciler.testing.Workloads;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import java.util.Map;
import java.util.TreeMap;
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

    /** One object of every other namespaced kind platform-api serves; workloads make pods, slices and endpoints. */
    private void fillEveryKind(String namespace) {
        Map<String, String> db = Map.of("app", "db");
        client.apps().deployments().inNamespace(namespace).resource(Workloads.deployment("api", 2, Map.of("app", "api"))).create();
        client.apps().statefulSets().inNamespace(namespace).resource(new StatefulSetBuilder()
                .withNewMetadata().withName("db").endMetadata()
                .withNewSpec().withReplicas(1).withServiceName("db").withNewSelector().withMatchLabels(db).endSelector()
                    .withTemplate(Workloads.template(db))
                    .withVolumeClaimTemplates(claim("data"))
                .endSpec().build()).create();
        // A DaemonSet for no node: nodes of other tests share this cluster.
        client.apps().daemonSets().inNamespace(namespace).resource(new DaemonSetBuilder()
                .withNewMetadata().withName("agent").endMetadata()
                .withNewSpec().withNewSelector().withMatchLabels(Map.of("app", "agent")).endSelector()
                    .withTemplate(new PodTemplateSpecBuilder(Workloads.template(Map.of("app", "agent")))
                            .editSpec().withNodeSelector(Map.of("example.com/no-such-node", "true")).endSpec().build())
                .endSpec().build()).create();
        client.batch().v1().jobs().inNamespace(namespace).resource(new JobBuilder()
                .withNewMetadata().withName("once").endMetadata()
                .withNewSpec().withTemplate(new PodTemplateSpecBuilder(Workloads.template(Map.of("app", "once")))
                        .editSpec().withRestartPolicy("Never").endSpec().build())
                .endSpec().build()).create();
        client.persistentVolumeClaims().inNamespace(namespace).resource(claim("scratch")).create();
        client.serviceAccounts().inNamespace(namespace).resource(new ServiceAccountBuilder()
                .withNewMetadata().withName("robot").endMetadata().build()).create();
        client.leases().inNamespace(namespace).resource(new LeaseBuilder()
                .withNewMetadata().withName("lock").endMetadata().withNewSpec().withHolderIdentity("me").endSpec()
                .build()).create();
    }

    private static PersistentVolumeClaim claim(String name) {
        return new PersistentVolumeClaimBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withAccessModes("ReadWriteOnce")
                    .withNewResources().addToRequests("storage", new Quantity("1Gi")).endResources()
                .endSpec().build();
    }

    /** What is in the namespace, kind by kind (plural: names); events and service accounts aside. */
    private Map<String, List<String>> content(String namespace) {
        Map<String, List<String>> content = new TreeMap<>();
        content.put("pods", names(client.pods().inNamespace(namespace).list().getItems()));
        content.put("services", names(client.services().inNamespace(namespace).list().getItems()));
        content.put("endpoints", names(client.endpoints().inNamespace(namespace).list().getItems()));
        content.put("endpointslices", names(client.discovery().v1().endpointSlices().inNamespace(namespace).list().getItems()));
        content.put("configmaps", names(client.configMaps().inNamespace(namespace).list().getItems()));
        content.put("secrets", names(client.secrets().inNamespace(namespace).list().getItems()));
        content.put("persistentvolumeclaims", names(client.persistentVolumeClaims().inNamespace(namespace).list().getItems()));
        content.put("deployments", names(client.apps().deployments().inNamespace(namespace).list().getItems()));
        content.put("replicasets", names(client.apps().replicaSets().inNamespace(namespace).list().getItems()));
        content.put("statefulsets", names(client.apps().statefulSets().inNamespace(namespace).list().getItems()));
        content.put("daemonsets", names(client.apps().daemonSets().inNamespace(namespace).list().getItems()));
        content.put("jobs", names(client.batch().v1().jobs().inNamespace(namespace).list().getItems()));
        content.put("leases", names(client.leases().inNamespace(namespace).list().getItems()));
        return content;
    }

    private static List<String> names(List<? extends HasMetadata> objects) {
        return objects.stream().map(object -> object.getMetadata().getName()).sorted().toList();
    }

    @Test
    void everyKindInsideGoesAndARecreatedNamespaceStartsEmpty() {
        String namespace = cluster.createNamespace("everything");
        try (SimulatedKubelet kubelet = new SimulatedKubelet(client, namespace, "node-" + namespace,
                Duration.ofMillis(100), Duration.ofMillis(300))) {
            fill(namespace);
            fillEveryKind(namespace);
            await().atMost(TIMEOUT).until(() -> client.pods().inNamespace(namespace).list().getItems().size() >= 4
                    && !client.endpoints().inNamespace(namespace).list().getItems().isEmpty()
                    && !client.apps().replicaSets().inNamespace(namespace).list().getItems().isEmpty());

            client.namespaces().withName(namespace).delete();
            await().atMost(TIMEOUT).until(() -> client.namespaces().withName(namespace).get() == null);

            // Anything left behind in the store would show up again in a namespace of the same name.
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata()
                    .build()).create();
            assertThat(content(namespace)).allSatisfy((kind, names) -> assertThat(names).as(kind).isEmpty());
        } finally {
            client.namespaces().withName(namespace).delete();
        }
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
