package dev.keel.reconciler.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.keel.reconciler.testing.ReconcilerTestCluster;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The resource quota controller in the suite's reconciler-service against the in-process platform-api: it fills in
 * {@code status.hard} and {@code status.used} from what the namespace holds, including more than the quota allows,
 * and gives usage back after deletions and finished pods, so that platform-api's admission refuses and admits again.
 */
class ResourceQuotaControllerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(40);

    private final ReconcilerTestCluster cluster = ReconcilerTestCluster.shared();
    private final KubernetesClient client = cluster.client();
    private String namespace;

    @BeforeEach
    void setUp() {
        namespace = cluster.createNamespace("quota");
    }

    private Pod pod(String name, String cpu) {
        PodBuilder pod = new PodBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().addNewContainer().withName("c").withImage("i").withNewResources()
                .withRequests(cpu == null ? Map.of() : Map.of("cpu", new Quantity(cpu))).endResources().endContainer().endSpec();
        return client.pods().inNamespace(namespace).resource(pod.build()).create();
    }

    private ResourceQuota quota(String name, Map<String, String> hard) {
        ResourceQuotaBuilder quota = new ResourceQuotaBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec().endSpec();
        hard.forEach((resource, value) -> quota.editSpec().addToHard(resource, new Quantity(value)).endSpec());
        return client.resourceQuotas().inNamespace(namespace).resource(quota.build()).create();
    }

    private String used(String quota, String resource) {
        ResourceQuota current = client.resourceQuotas().inNamespace(namespace).withName(quota).get();
        if (current.getStatus() == null || current.getStatus().getUsed() == null
                || current.getStatus().getUsed().get(resource) == null) {
            return null;
        }
        return current.getStatus().getUsed().get(resource).toString();
    }

    @Test
    void aQuotaTheNamespaceAlreadyExceedsIsCreatedShowsTheExcessAndRefusesMore() {
        pod("a", null);
        pod("b", null);
        pod("c", null);

        quota("q", Map.of("pods", "2"));

        await().atMost(TIMEOUT).until(() -> "3".equals(used("q", "pods")));
        ResourceQuota counted = client.resourceQuotas().inNamespace(namespace).withName("q").get();
        assertThat(counted.getStatus().getHard()).containsEntry("pods", new Quantity("2"));
        KubernetesClientException refused = catchThrowableOfType(KubernetesClientException.class, () -> pod("d", null));
        assertThat(refused.getCode()).isEqualTo(403);
        assertThat(refused.getStatus().getMessage())
                .isEqualTo("pods \"d\" is forbidden: exceeded quota: q, requested: pods=1, used: pods=3, limited: pods=2");
    }

    @Test
    void deletionsAndFinishedPodsGiveUsageBack() {
        quota("compute", Map.of("pods", "2", "requests.cpu", "1"));
        await().atMost(TIMEOUT).until(() -> "0".equals(used("compute", "pods")));
        pod("a", "600m");
        pod("b", "300m");
        assertThat(used("compute", "requests.cpu")).isEqualTo("900m");

        client.pods().inNamespace(namespace).withName("a").withGracePeriod(0).delete();
        await().atMost(TIMEOUT).until(() -> "1".equals(used("compute", "pods")) && "300m".equals(used("compute", "requests.cpu")));
        Pod finished = client.pods().inNamespace(namespace).withName("b").get();
        finished.getStatus().setPhase("Succeeded");
        client.pods().inNamespace(namespace).resource(finished).updateStatus();

        await().atMost(TIMEOUT).until(() -> "0".equals(used("compute", "pods")) && "0".equals(used("compute", "requests.cpu")));
        assertThat(pod("c", "700m")).isNotNull();
    }

    @Test
    void aReplicaSetThatHitsTheQuotaReportsFailedCreateWithKubernetesMessage() {
        quota("q", Map.of("pods", "1"));
        await().atMost(TIMEOUT).until(() -> "0".equals(used("q", "pods")));

        client.apps().replicaSets().inNamespace(namespace).resource(new io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder()
                .withNewMetadata().withName("web").endMetadata().withNewSpec().withReplicas(2)
                .withNewSelector().addToMatchLabels("app", "web").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata().withNewSpec().addNewContainer()
                .withName("c").withImage("i").endContainer().endSpec().endTemplate().endSpec().build()).create();

        String message = await().atMost(TIMEOUT).until(() -> client.v1().events().inNamespace(namespace).list().getItems().stream()
                .filter(event -> "FailedCreate".equals(event.getReason()))
                .map(io.fabric8.kubernetes.api.model.Event::getMessage)
                .findFirst().orElse(null), java.util.Objects::nonNull);
        assertThat(message).matches("Error creating: pods \"web-[a-z0-9]+\" is forbidden: exceeded quota: q, "
                + "requested: pods=1, used: pods=1, limited: pods=1");
        assertThat(client.pods().inNamespace(namespace).list().getItems()).hasSize(1);
    }

    @Test
    void objectCountsOfOtherKinds() {
        client.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder().withNewMetadata().withName("one")
                .endMetadata().build()).create();
        client.apps().deployments().inNamespace(namespace).resource(new DeploymentBuilder().withNewMetadata().withName("d")
                .endMetadata().withNewSpec().withReplicas(0).withNewSelector().addToMatchLabels("app", "d").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "d").endMetadata().withNewSpec().addNewContainer()
                .withName("c").withImage("i").endContainer().endSpec().endTemplate().endSpec().build()).create();

        quota("counts", Map.of("configmaps", "5", "count/deployments.apps", "1", "resourcequotas", "1"));

        await().atMost(TIMEOUT).until(() -> "1".equals(used("counts", "configmaps"))
                && "1".equals(used("counts", "count/deployments.apps")) && "1".equals(used("counts", "resourcequotas")));
        client.configMaps().inNamespace(namespace).withName("one").delete();
        await().atMost(TIMEOUT).until(() -> "0".equals(used("counts", "configmaps")));
    }
}
