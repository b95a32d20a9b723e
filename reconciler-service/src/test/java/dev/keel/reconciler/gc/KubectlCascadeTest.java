package dev.keel.reconciler.gc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keel.api.testing.Kubectl;
import dev.keel.reconciler.testing.ReconcilerTestCluster;
import dev.keel.reconciler.testing.SimulatedKubelet;
import dev.keel.reconciler.testing.Workloads;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code kubectl delete deployment --cascade=background|foreground|orphan} with the real kubectl: what happens to the
 * Deployment's ReplicaSet and pods is what Kubernetes' garbage collector does.
 */
class KubectlCascadeTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(40);
    /** Long enough that a pod still terminating when the Deployment goes would be seen. */
    private static final Duration POD_STOP = Duration.ofSeconds(2);
    private static final Map<String, String> LABELS = Map.of("app", "web");

    private final ReconcilerTestCluster cluster = ReconcilerTestCluster.shared();
    private final KubernetesClient client = cluster.client();
    private final Kubectl kubectl = new Kubectl(Kubectl.VERSIONS.get(0), cluster.api().kubeconfig());
    private String namespace;
    private SimulatedKubelet kubelet;

    @BeforeEach
    void setUp() {
        namespace = cluster.createNamespace("cascade");
        kubelet = new SimulatedKubelet(client, namespace, "node-" + namespace, Duration.ofMillis(100), POD_STOP);
        client.apps().deployments().inNamespace(namespace).resource(Workloads.deployment("web", 2, LABELS)).create();
        await().atMost(TIMEOUT).until(() -> replicaSets().size() == 1 && readyPods() == 2);
    }

    @AfterEach
    void tearDown() {
        kubelet.close();
    }

    private Kubectl.Result delete(String cascade, String... more) {
        List<String> args = new ArrayList<>(List.of("delete", "deployment", "web", "-n", namespace,
                "--cascade=" + cascade, "--timeout=35s"));
        args.addAll(List.of(more));
        return kubectl.run(args.toArray(String[]::new));
    }

    private Deployment deployment() {
        return client.apps().deployments().inNamespace(namespace).withName("web").get();
    }

    private List<ReplicaSet> replicaSets() {
        return client.apps().replicaSets().inNamespace(namespace).list().getItems();
    }

    private List<Pod> pods() {
        return client.pods().inNamespace(namespace).list().getItems();
    }

    private long readyPods() {
        return pods().stream().filter(pod -> pod.getStatus().getConditions() != null && pod.getStatus().getConditions()
                .stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()))).count();
    }

    @Test
    void backgroundDeletesTheDeploymentAtOnceAndItsReplicaSetAndPodsAfter() {
        Kubectl.Result result = delete("background");

        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(result.out()).contains("deployment.apps \"web\" deleted");
        assertThat(deployment()).isNull();
        await().atMost(TIMEOUT).until(() -> replicaSets().isEmpty() && pods().isEmpty());
    }

    @Test
    void foregroundKeepsTheDeploymentUntilItsReplicaSetAndPodsAreGone() {
        Kubectl.Result started = delete("foreground", "--wait=false");
        assertThat(started.exitCode()).as(started.all()).isZero();
        Deployment waiting = deployment();
        assertThat(waiting.getMetadata().getDeletionTimestamp()).isNotNull();
        assertThat(waiting.getMetadata().getFinalizers()).contains("foregroundDeletion");

        Kubectl.Result waited = kubectl.run("wait", "--for=delete", "deployment/web", "-n", namespace, "--timeout=35s");

        assertThat(waited.exitCode()).as(waited.all()).isZero();
        // Pods block their ReplicaSet, which blocks the Deployment: nothing of them may outlive it.
        assertThat(replicaSets()).isEmpty();
        assertThat(pods()).isEmpty();
    }

    @Test
    void foregroundDeleteWaitsInKubectlUntilEverythingIsGone() {
        Kubectl.Result result = delete("foreground");

        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(deployment()).isNull();
        assertThat(replicaSets()).isEmpty();
        assertThat(pods()).isEmpty();
    }

    @Test
    void orphanLeavesTheReplicaSetAndPodsRunningWithoutTheDeployment() {
        String replicaSet = replicaSets().get(0).getMetadata().getName();

        Kubectl.Result result = delete("orphan");

        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(deployment()).isNull();
        // The orphan finalizer is removed only after the references are, so this holds as soon as kubectl returns.
        assertThat(replicaSets()).singleElement().satisfies(set -> {
            assertThat(set.getMetadata().getName()).isEqualTo(replicaSet);
            assertThat(set.getMetadata().getOwnerReferences()).isNullOrEmpty();
            assertThat(set.getMetadata().getDeletionTimestamp()).isNull();
        });
        assertThat(pods()).hasSize(2).allSatisfy(pod -> {
            assertThat(pod.getMetadata().getDeletionTimestamp()).isNull();
            assertThat(pod.getMetadata().getOwnerReferences()).singleElement()
                    .satisfies(owner -> assertThat(owner.getName()).isEqualTo(replicaSet));
        });
        // The ReplicaSet, now on its own, keeps its pods.
        assertThat(readyPods()).isEqualTo(2);
    }
}
