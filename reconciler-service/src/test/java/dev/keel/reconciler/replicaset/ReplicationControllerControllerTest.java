package dev.keel.reconciler.replicaset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keel.api.testing.Kubectl;
import dev.keel.reconciler.testing.KubeletNamespace;
import dev.keel.reconciler.testing.ReconcilerTestCluster;
import dev.keel.reconciler.testing.Workloads;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.ReplicationControllerBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** ReplicationControllers run by the replica controller the ReplicaSets use, scaled by the real kubectl. */
class ReplicationControllerControllerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ReconcilerTestCluster cluster = ReconcilerTestCluster.shared();
    private final KubernetesClient client = cluster.client();

    @RegisterExtension
    final KubeletNamespace fixture = new KubeletNamespace("rc", Duration.ofMillis(200), Duration.ofMillis(100));

    @Test
    void createsOwnedPodsAndReportsThemReady() {
        ReplicationController created = client.resource(controller("web", 2)).create();

        await().atMost(WAIT).until(() -> status().getReadyReplicas() != null && status().getReadyReplicas() == 2);
        assertThat(pods()).hasSize(2).allSatisfy(pod -> assertThat(pod.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(owner -> {
                    assertThat(owner.getKind()).isEqualTo("ReplicationController");
                    assertThat(owner.getUid()).isEqualTo(created.getMetadata().getUid());
                    assertThat(owner.getController()).isTrue();
                }));
        ReplicationController observed = client.replicationControllers().inNamespace(fixture.name()).withName("web").get();
        assertThat(observed.getStatus().getAvailableReplicas()).isEqualTo(2);
        assertThat(observed.getStatus().getObservedGeneration()).isEqualTo(observed.getMetadata().getGeneration());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.27", "1.33"})
    void kubectlScalesIt(String version) {
        Kubectl kubectl = new Kubectl(version, cluster.api().kubeconfig());
        client.resource(controller("web", 1)).create();
        await().atMost(WAIT).until(() -> pods().size() == 1);

        Kubectl.Result up = kubectl.run("scale", "rc", "web", "--replicas=3", "-n", fixture.name());
        await().atMost(WAIT).until(() -> pods().size() == 3 && status().getReadyReplicas() != null && status().getReadyReplicas() == 3);
        Kubectl.Result down = kubectl.run("scale", "rc", "web", "--replicas=1", "-n", fixture.name());
        await().atMost(WAIT).until(() -> pods().size() == 1 && status().getReplicas() == 1);
        Kubectl.Result listed = kubectl.run("get", "rc", "-n", fixture.name());

        assertThat(up.exitCode()).as(up.all()).isZero();
        assertThat(up.out()).contains("replicationcontroller/web scaled");
        assertThat(down.exitCode()).as(down.all()).isZero();
        assertThat(listed.out()).contains("DESIRED").containsPattern("web\\s+1\\s+1\\s+1");
    }

    @Test
    void itsPodsAreCollectedWhenItIsDeleted() {
        client.resource(controller("web", 2)).create();
        await().atMost(WAIT).until(() -> pods().size() == 2);

        client.replicationControllers().inNamespace(fixture.name()).withName("web").delete();

        await().atMost(WAIT).until(() -> pods().isEmpty());
    }

    private ReplicationController controller(String name, int replicas) {
        return new ReplicationControllerBuilder().withNewMetadata().withName(name).withNamespace(fixture.name()).endMetadata()
                .withNewSpec().withReplicas(replicas).withSelector(Map.of("app", name))
                .withTemplate(Workloads.template(Map.of("app", name))).endSpec().build();
    }

    private io.fabric8.kubernetes.api.model.ReplicationControllerStatus status() {
        ReplicationController current = client.replicationControllers().inNamespace(fixture.name()).withName("web").get();
        return current.getStatus() == null ? new io.fabric8.kubernetes.api.model.ReplicationControllerStatus() : current.getStatus();
    }

    private List<Pod> pods() {
        return client.pods().inNamespace(fixture.name()).list().getItems().stream()
                .filter(pod -> pod.getMetadata().getDeletionTimestamp() == null).toList();
    }
}
