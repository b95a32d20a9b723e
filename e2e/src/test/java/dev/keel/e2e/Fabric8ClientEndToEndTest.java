package dev.keel.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * fabric8's kubernetes-client (the client keel's own services run, over the JDK HTTP client) against the local
 * cluster, configured from {@code .platform/kubeconfig} as its users configure it: a Deployment and a Service
 * created, the Deployment watched until available, its pods listed by label selector, a pod's log read, a scale to
 * 3 seen through the watch, and a foreground-propagated delete that the watch reports and that takes the pods along.
 */
@LocalClusterTest
class Fabric8ClientEndToEndTest {

    private static final String APP = "fabric8-web";
    private static final Duration ROLLOUT = Duration.ofMinutes(3);

    private static LocalCluster cluster;
    private static KubernetesClient client;
    private static String namespace;

    @BeforeAll
    static void connect() {
        cluster = LocalCluster.get();
        client = cluster.fabric8();
        namespace = cluster.createNamespace("fabric8");
    }

    @AfterAll
    static void disconnect() {
        if (cluster != null) {
            cluster.release(client, namespace);
        }
    }

    @Test
    void deploymentRollsOutScalesAndIsDeletedWithForegroundPropagationWhileWatched() {
        DeploymentWatchLog watched = new DeploymentWatchLog();
        try (Watch watch = client.apps().deployments().inNamespace(namespace).watch(recordInto(watched))) {
            client.apps().deployments().inNamespace(namespace).resource(deployment(2)).create();
            client.services().inNamespace(namespace).resource(service()).create();

            watched.awaitAvailable(ROLLOUT, APP, 2);
            List<Pod> pods = podsByLabel(2);
            assertThat(pods).allMatch(pod -> "Running".equals(pod.getStatus().getPhase()));
            String pod = pods.get(0).getMetadata().getName();
            assertThat(Poll.until(ROLLOUT, "the log of " + pod, () -> nonEmpty(
                    client.pods().inNamespace(namespace).withName(pod).getLog()))).contains("serving " + pod);
            assertEndpointsCount(2);

            client.apps().deployments().inNamespace(namespace).withName(APP).scale(3);
            watched.awaitAvailable(ROLLOUT, APP, 3);
            assertThat(podsByLabel(3)).hasSize(3);
            assertEndpointsCount(3);

            client.apps().deployments().inNamespace(namespace).withName(APP)
                    .withPropagationPolicy(DeletionPropagation.FOREGROUND).delete();
            watched.await(ROLLOUT, "DELETED of " + APP, seen -> seen.type().equals("DELETED") && seen.name().equals(APP));
            Poll.until(ROLLOUT, "the pods of " + APP + " are gone", () -> client.pods().inNamespace(namespace)
                    .withLabel("app", APP).list().getItems().isEmpty());
            assertThat(client.apps().replicaSets().inNamespace(namespace).withLabel("app", APP).list().getItems()).isEmpty();
        }
        assertThat(watched.typesOf(APP)).startsWith("ADDED", "MODIFIED").endsWith("DELETED");
    }

    private static Watcher<Deployment> recordInto(DeploymentWatchLog watched) {
        return new Watcher<>() {
            @Override
            public void eventReceived(Action action, Deployment deployment) {
                watched.record(action.name(), deployment.getMetadata().getName(),
                        deployment.getStatus() == null ? null : deployment.getStatus().getAvailableReplicas());
            }

            @Override
            public void onClose(WatcherException cause) {
                watched.record("CLOSED " + cause.getMessage(), "", 0);
            }
        };
    }

    private List<Pod> podsByLabel(int expected) {
        return Poll.until(ROLLOUT, expected + " pods with app=" + APP, () -> {
            List<Pod> pods = client.pods().inNamespace(namespace).withLabel("app", APP).list().getItems().stream()
                    .filter(pod -> pod.getMetadata().getDeletionTimestamp() == null).toList();
            return pods.size() == expected ? pods : null;
        });
    }

    private void assertEndpointsCount(int expected) {
        Poll.until(ROLLOUT, "Endpoints " + APP + " list " + expected + " addresses", () -> {
            Endpoints endpoints = client.endpoints().inNamespace(namespace).withName(APP).get();
            return endpoints != null && endpoints.getSubsets().stream().map(EndpointSubset::getAddresses)
                    .mapToInt(List<EndpointAddress>::size).sum() == expected;
        });
    }

    private static String nonEmpty(String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    private static Deployment deployment(int replicas) {
        return new DeploymentBuilder()
                .withNewMetadata().withName(APP).withLabels(Map.of("app", APP)).endMetadata()
                .withNewSpec().withReplicas(replicas)
                .withNewSelector().withMatchLabels(Map.of("app", APP)).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(Map.of("app", APP)).endMetadata()
                .withNewSpec().addNewContainer().withName("web").withImage(LocalCluster.BUSYBOX)
                .withCommand("sh", "-c", LocalCluster.SERVE_HOSTNAME)
                .addNewPort().withContainerPort(8080).endPort().endContainer().endSpec()
                .endTemplate().endSpec().build();
    }

    private static Service service() {
        return new ServiceBuilder().withNewMetadata().withName(APP).endMetadata()
                .withNewSpec().withSelector(Map.of("app", APP))
                .addNewPort().withPort(80).withNewTargetPort(8080).endPort().endSpec().build();
    }
}
