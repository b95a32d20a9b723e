package dev.keel.reconciler.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keel.api.testing.Kubectl;
import dev.keel.reconciler.testing.ReconcilerTestCluster;
import dev.keel.reconciler.testing.SimulatedKubelet;
import dev.keel.reconciler.testing.Workloads;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategyBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeploymentControllerTest {

    private final ReconcilerTestCluster cluster = ReconcilerTestCluster.shared();
    private final KubernetesClient client = cluster.client();
    private final Kubectl kubectl = new Kubectl("1.33", cluster.api().kubeconfig()).withTimeout(Duration.ofSeconds(150));
    private String namespace;
    private SimulatedKubelet kubelet;

    @BeforeEach
    void setUp() {
        namespace = cluster.createNamespace("deploy");
        kubelet = new SimulatedKubelet(client, namespace, "node-" + namespace, Duration.ofMillis(200), Duration.ofMillis(100));
    }

    @AfterEach
    void tearDown() {
        kubelet.close();
    }

    @Test
    void rollsOutThroughAHashedReplicaSetAndKubectlRolloutStatusSucceeds() {
        client.apps().deployments().inNamespace(namespace).resource(Workloads.deployment("web", 3, Map.of("app", "web"))).create();

        Kubectl.Result status = kubectl.run("rollout", "status", "deployment/web", "-n", namespace, "--timeout=120s");
        assertThat(status.exitCode()).as(status.all()).isZero();
        assertThat(status.all()).contains("successfully rolled out");
        List<ReplicaSet> sets = sets();
        assertThat(sets).singleElement().satisfies(set -> {
            String hash = set.getMetadata().getLabels().get("pod-template-hash");
            assertThat(set.getMetadata().getName()).isEqualTo("web-" + hash);
            assertThat(set.getSpec().getSelector().getMatchLabels()).containsEntry("pod-template-hash", hash);
            assertThat(set.getMetadata().getAnnotations()).containsEntry("deployment.kubernetes.io/revision", "1");
        });
        Deployment deployment = deployment();
        assertThat(deployment.getStatus().getAvailableReplicas()).isEqualTo(3);
        assertThat(condition(deployment, "Available")).hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("True"));
        assertThat(condition(deployment, "Progressing")).hasValueSatisfying(c -> assertThat(c.getReason()).isEqualTo("NewReplicaSetAvailable"));
    }

    @Test
    void aTemplateChangeRollsToANewRevisionAndUndoGoesBack() {
        client.apps().deployments().inNamespace(namespace).resource(Workloads.deployment("web", 4, Map.of("app", "web"))).create();
        assertThat(kubectl.run("rollout", "status", "deployment/web", "-n", namespace, "--timeout=120s").exitCode()).isZero();

        Kubectl.Result set = kubectl.run("set", "image", "deployment/web", "main=localhost:5000/busybox:1.36", "-n", namespace);
        assertThat(set.exitCode()).as(set.all()).isZero();
        Kubectl.Result rolled = kubectl.run("rollout", "status", "deployment/web", "-n", namespace, "--timeout=120s");
        assertThat(rolled.exitCode()).as(rolled.all()).isZero();
        assertThat(sets()).hasSize(2);
        assertThat(activeSet().getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).endsWith("busybox:1.36");
        assertThat(deployment().getMetadata().getAnnotations()).containsEntry("deployment.kubernetes.io/revision", "2");

        Kubectl.Result undo = kubectl.run("rollout", "undo", "deployment/web", "-n", namespace);
        assertThat(undo.exitCode()).as(undo.all()).isZero();
        assertThat(kubectl.run("rollout", "status", "deployment/web", "-n", namespace, "--timeout=120s").exitCode()).isZero();
        assertThat(activeSet().getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).endsWith("busybox:1.35");
        assertThat(activeSet().getMetadata().getAnnotations()).containsEntry("deployment.kubernetes.io/revision", "3");
        Kubectl.Result history = kubectl.run("rollout", "history", "deployment/web", "-n", namespace);
        assertThat(history.all()).contains("2 ").contains("3 ");
    }

    @Test
    void recreateStopsEveryOldPodBeforeStartingNewOnes() {
        Deployment recreate = Workloads.deployment("batch", 2, Map.of("app", "batch"));
        recreate.getSpec().setStrategy(new DeploymentStrategyBuilder().withType("Recreate").build());
        client.apps().deployments().inNamespace(namespace).resource(recreate).create();
        assertThat(kubectl.run("rollout", "status", "deployment/batch", "-n", namespace, "--timeout=120s").exitCode()).isZero();

        kubectl.run("set", "image", "deployment/batch", "main=localhost:5000/busybox:1.36", "-n", namespace);
        Kubectl.Result rolled = kubectl.run("rollout", "status", "deployment/batch", "-n", namespace, "--timeout=120s");
        assertThat(rolled.exitCode()).as(rolled.all()).isZero();
        assertThat(client.pods().inNamespace(namespace).list().getItems()).hasSize(2)
                .allSatisfy(pod -> assertThat(pod.getSpec().getContainers().get(0).getImage()).endsWith("busybox:1.36"));
    }

    @Test
    void aPausedDeploymentStartsNoRolloutUntilResumed() {
        client.apps().deployments().inNamespace(namespace).resource(Workloads.deployment("web", 2, Map.of("app", "web"))).create();
        assertThat(kubectl.run("rollout", "status", "deployment/web", "-n", namespace, "--timeout=120s").exitCode()).isZero();
        assertThat(kubectl.run("rollout", "pause", "deployment/web", "-n", namespace).exitCode()).isZero();
        kubectl.run("set", "image", "deployment/web", "main=localhost:5000/busybox:1.36", "-n", namespace);
        await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10)).until(() -> condition(deployment(), "Progressing")
                .map(c -> "DeploymentPaused".equals(c.getReason())).orElse(false));
        assertThat(sets()).hasSize(1);

        assertThat(kubectl.run("rollout", "resume", "deployment/web", "-n", namespace).exitCode()).isZero();
        assertThat(kubectl.run("rollout", "status", "deployment/web", "-n", namespace, "--timeout=120s").exitCode()).isZero();
        assertThat(sets()).hasSize(2);
    }

    @Test
    void aRolloutThatCannotBecomeReadyExceedsItsProgressDeadline() {
        Deployment deployment = Workloads.deployment("stuck", 1, Map.of("app", "stuck"));
        deployment.getSpec().setProgressDeadlineSeconds(3);
        kubelet.neverReady(pod -> true);
        client.apps().deployments().inNamespace(namespace).resource(deployment).create();

        Kubectl.Result status = kubectl.run("rollout", "status", "deployment/stuck", "-n", namespace, "--timeout=120s");
        assertThat(status.exitCode()).isNotZero();
        assertThat(status.all()).contains("exceeded its progress deadline");
    }

    @Test
    void rolloutRestartReplacesEveryPodThroughANewRevision() {
        client.apps().deployments().inNamespace(namespace).resource(Workloads.deployment("web", 2, Map.of("app", "web"))).create();
        assertThat(kubectl.run("rollout", "status", "deployment/web", "-n", namespace, "--timeout=120s").exitCode()).isZero();
        List<String> before = client.pods().inNamespace(namespace).list().getItems().stream().map(pod -> pod.getMetadata().getName()).toList();

        Kubectl.Result restart = kubectl.run("rollout", "restart", "deployment/web", "-n", namespace);
        assertThat(restart.exitCode()).as(restart.all()).isZero();
        Kubectl.Result rolled = kubectl.run("rollout", "status", "deployment/web", "-n", namespace, "--timeout=120s");
        assertThat(rolled.exitCode()).as(rolled.all()).isZero();

        assertThat(sets()).hasSize(2);
        assertThat(activeSet().getSpec().getTemplate().getMetadata().getAnnotations()).containsKey("kubectl.kubernetes.io/restartedAt");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(client.pods().inNamespace(namespace).list().getItems())
                .hasSize(2)
                .allSatisfy(pod -> {
                    assertThat(before).doesNotContain(pod.getMetadata().getName());
                    assertThat(pod.getMetadata().getAnnotations()).containsKey("kubectl.kubernetes.io/restartedAt");
                }));
    }

    @Test
    void scalingMidRolloutSpreadsTheChangeOverOldAndNewSetsInProportion() {
        Deployment deployment = Workloads.deployment("web", 10, Map.of("app", "web"));
        deployment.getSpec().setStrategy(new DeploymentStrategyBuilder().withType("RollingUpdate").withNewRollingUpdate()
                .withMaxSurge(new IntOrString(3)).withMaxUnavailable(new IntOrString(0)).endRollingUpdate().build());
        client.apps().deployments().inNamespace(namespace).resource(deployment).create();
        assertThat(kubectl.run("rollout", "status", "deployment/web", "-n", namespace, "--timeout=120s").exitCode()).isZero();
        // The new revision's pods never become ready: the rollout holds at 10 old and 3 new (maxSurge 3, maxUnavailable 0).
        kubelet.neverReady(pod -> pod.getSpec().getContainers().get(0).getImage().endsWith("busybox:1.36"));
        kubectl.run("set", "image", "deployment/web", "main=localhost:5000/busybox:1.36", "-n", namespace);
        await().atMost(Duration.ofSeconds(30)).until(() -> sizes().equals(Map.of("1.35", 10, "1.36", 3)));

        Kubectl.Result scaled = kubectl.run("scale", "deployment/web", "--replicas=20", "-n", namespace);
        assertThat(scaled.exitCode()).as(scaled.all()).isZero();

        // 20 + 3 allowed, 10 to add: the old set grows to round(10 * 23 / 13) = 18, the new one takes the other 2.
        await().atMost(Duration.ofSeconds(30)).until(() -> sizes().equals(Map.of("1.35", 18, "1.36", 5)));
        await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> sizes().equals(Map.of("1.35", 18, "1.36", 5)));
    }

    /** Each set's spec.replicas, by the image tag of its template. */
    private Map<String, Integer> sizes() {
        return sets().stream().collect(Collectors.toMap(
                set -> set.getSpec().getTemplate().getSpec().getContainers().get(0).getImage().replaceAll(".*:", ""),
                set -> set.getSpec().getReplicas()));
    }

    @Test
    void oldReplicaSetsBeyondTheHistoryLimitAreDeleted() {
        Deployment deployment = Workloads.deployment("web", 1, Map.of("app", "web"));
        deployment.getSpec().setRevisionHistoryLimit(1);
        client.apps().deployments().inNamespace(namespace).resource(deployment).create();
        for (String tag : List.of("1.36", "1.37", "1.38")) {
            kubectl.run("set", "image", "deployment/web", "main=localhost:5000/busybox:" + tag, "-n", namespace);
            assertThat(kubectl.run("rollout", "status", "deployment/web", "-n", namespace, "--timeout=120s").exitCode()).isZero();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> sets().size() == 2);
    }

    private Deployment deployment() {
        return client.apps().deployments().inNamespace(namespace).withName("web").get();
    }

    private List<ReplicaSet> sets() {
        return client.apps().replicaSets().inNamespace(namespace).list().getItems();
    }

    private ReplicaSet activeSet() {
        return sets().stream().filter(set -> set.getSpec().getReplicas() > 0).findFirst().orElseThrow();
    }

    private static Optional<DeploymentCondition> condition(Deployment deployment, String type) {
        return deployment.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
    }
}
