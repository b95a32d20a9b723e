package dev.keel.reconciler.disruption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keel.reconciler.testing.KubeletNamespace;
import dev.keel.reconciler.testing.ReconcilerTestCluster;
import dev.keel.reconciler.testing.Workloads;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The disruption controller with platform-api's eviction subresource, on simulated kubelets. */
class DisruptionControllerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ReconcilerTestCluster cluster = ReconcilerTestCluster.shared();
    private final KubernetesClient client = cluster.client();

    @RegisterExtension
    final KubeletNamespace fixture = new KubeletNamespace("pdb", Duration.ofMillis(200), Duration.ofMillis(100));

    @Test
    void aDeploymentsBudgetReportsItsHealthAndAllowsOneEvictionAtATime() {
        client.apps().deployments().inNamespace(fixture.name()).resource(Workloads.deployment("web", 3, Map.of("app", "web"))).create();
        await().atMost(WAIT).until(() -> readyPods().size() == 3);
        budget("web", null, new IntOrString(1));

        await().atMost(WAIT).until(() -> allowed("web") == 1);
        PodDisruptionBudget budget = get("web");
        PodDisruptionBudgetStatus status = budget.getStatus();
        assertThat(status.getExpectedPods()).isEqualTo(3);
        assertThat(status.getDesiredHealthy()).isEqualTo(2);
        assertThat(status.getCurrentHealthy()).isEqualTo(3);
        assertThat(status.getObservedGeneration()).isEqualTo(budget.getMetadata().getGeneration());
        assertThat(condition(status)).satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("True");
            assertThat(c.getReason()).isEqualTo("SufficientPods");
        });

        List<Pod> pods = readyPods();
        boolean first = client.pods().inNamespace(fixture.name()).withName(pods.get(0).getMetadata().getName()).evict();
        boolean second = client.pods().inNamespace(fixture.name()).withName(pods.get(1).getMetadata().getName()).evict();

        assertThat(first).isTrue();
        assertThat(second).as("the budget allowed one disruption").isFalse();
        // The Deployment replaces the evicted pod; once it is ready the budget allows one disruption again.
        await().atMost(WAIT).until(() -> readyPods().size() == 3 && allowed("web") == 1
                && noDisruptedPods(get("web")));
        assertThat(client.pods().inNamespace(fixture.name()).withName(pods.get(1).getMetadata().getName()).evict()).isTrue();
    }

    @Test
    void aPercentageResolvesAgainstTheDeploymentsScale() {
        client.apps().deployments().inNamespace(fixture.name()).resource(Workloads.deployment("web", 4, Map.of("app", "web"))).create();
        await().atMost(WAIT).until(() -> readyPods().size() == 4);
        budget("web", new IntOrString("60%"), null);

        await().atMost(WAIT).until(() -> get("web").getStatus() != null && get("web").getStatus().getExpectedPods() != null
                && get("web").getStatus().getExpectedPods() == 4);
        assertThat(get("web").getStatus().getDesiredHealthy()).isEqualTo(3);
        assertThat(get("web").getStatus().getDisruptionsAllowed()).isEqualTo(1);
    }

    @Test
    void aBudgetSelectingNothingAllowsNothing() {
        budget("none", new IntOrString(0), null);

        await().atMost(WAIT).until(() -> get("none").getStatus() != null && condition(get("none").getStatus()) != null);
        PodDisruptionBudgetStatus status = get("none").getStatus();
        assertThat(status.getExpectedPods()).isZero();
        assertThat(status.getDisruptionsAllowed()).isZero();
        assertThat(condition(status).getReason()).isEqualTo("InsufficientPods");
    }

    @Test
    void anUnreadyPodIsEvictedWithoutADisruptionUnderAlwaysAllow() {
        client.apps().deployments().inNamespace(fixture.name()).resource(Workloads.deployment("web", 2, Map.of("app", "web"))).create();
        await().atMost(WAIT).until(() -> readyPods().size() == 2);
        client.resource(new PodDisruptionBudgetBuilder().withNewMetadata().withName("web").withNamespace(fixture.name()).endMetadata()
                .withNewSpec().withMinAvailable(new IntOrString(2)).withUnhealthyPodEvictionPolicy("AlwaysAllow")
                .withNewSelector().withMatchLabels(Map.of("app", "web")).endSelector().endSpec().build()).create();
        String sick = readyPods().get(0).getMetadata().getName();
        fixture.kubelet().setReady(sick, false);
        await().atMost(WAIT).until(() -> get("web").getStatus() != null && get("web").getStatus().getCurrentHealthy() != null
                && get("web").getStatus().getCurrentHealthy() == 1);

        assertThat(client.pods().inNamespace(fixture.name()).withName(sick).evict()).isTrue();
        assertThat(noDisruptedPods(get("web"))).isTrue();
    }

    private void budget(String name, IntOrString minAvailable, IntOrString maxUnavailable) {
        client.resource(new PodDisruptionBudgetBuilder().withNewMetadata().withName(name).withNamespace(fixture.name()).endMetadata()
                .withNewSpec().withMinAvailable(minAvailable).withMaxUnavailable(maxUnavailable)
                .withNewSelector().withMatchLabels(Map.of("app", name)).endSelector().endSpec().build()).create();
    }

    private PodDisruptionBudget get(String name) {
        return client.policy().v1().podDisruptionBudget().inNamespace(fixture.name()).withName(name).get();
    }

    private int allowed(String name) {
        PodDisruptionBudget budget = get(name);
        return budget.getStatus() == null || budget.getStatus().getDisruptionsAllowed() == null ? -1
                : budget.getStatus().getDisruptionsAllowed();
    }

    private static boolean noDisruptedPods(PodDisruptionBudget budget) {
        return budget.getStatus().getDisruptedPods() == null || budget.getStatus().getDisruptedPods().isEmpty();
    }

    private static Condition condition(PodDisruptionBudgetStatus status) {
        return status.getConditions() == null ? null : status.getConditions().stream()
                .filter(c -> "DisruptionAllowed".equals(c.getType())).findFirst().orElse(null);
    }

    private List<Pod> readyPods() {
        return client.pods().inNamespace(fixture.name()).list().getItems().stream()
                .filter(pod -> pod.getMetadata().getDeletionTimestamp() == null)
                .filter(pod -> pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions()
                        .stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())))
                .toList();
    }
}
