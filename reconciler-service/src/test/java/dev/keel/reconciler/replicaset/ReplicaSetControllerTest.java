package dev.keel.reconciler.replicaset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keel.reconciler.testing.KubeletNamespace;
import dev.keel.reconciler.testing.ReconcilerTestCluster;
import dev.keel.reconciler.testing.Workloads;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ReplicaSetControllerTest {

    private final ReconcilerTestCluster cluster = ReconcilerTestCluster.shared();
    private final KubernetesClient client = cluster.client();

    @RegisterExtension
    final KubeletNamespace fixture = new KubeletNamespace("rs", Duration.ofMillis(200), Duration.ofMillis(100));

    @Test
    void createsThePodsItIsMissingAndReportsThemReady() {
        ReplicaSet replicaSet = client.apps().replicaSets().inNamespace(fixture.name())
                .resource(Workloads.replicaSet("web", 3, Map.of("app", "web"))).create();

        await().atMost(Duration.ofSeconds(20)).until(() -> status(replicaSet).getReadyReplicas() != null
                && status(replicaSet).getReadyReplicas() == 3);
        List<Pod> pods = pods();
        assertThat(pods).hasSize(3).allSatisfy(pod -> {
            assertThat(pod.getMetadata().getName()).startsWith("web-");
            assertThat(pod.getMetadata().getOwnerReferences()).singleElement()
                    .satisfies(owner -> assertThat(owner.getUid()).isEqualTo(replicaSet.getMetadata().getUid()));
        });
        ReplicaSet observed = client.apps().replicaSets().inNamespace(fixture.name()).withName("web").get();
        assertThat(observed.getStatus().getReplicas()).isEqualTo(3);
        assertThat(observed.getStatus().getAvailableReplicas()).isEqualTo(3);
        assertThat(observed.getStatus().getObservedGeneration()).isEqualTo(observed.getMetadata().getGeneration());
    }

    @Test
    void scalingDownRemovesNotReadyPodsBeforeReadyOnes() {
        client.apps().replicaSets().inNamespace(fixture.name()).resource(Workloads.replicaSet("web", 2, Map.of("app", "web"))).create();
        await().atMost(Duration.ofSeconds(20)).until(() -> readyPods() == 2);
        fixture.kubelet().neverReady(pod -> true);
        client.apps().replicaSets().inNamespace(fixture.name()).withName("web").scale(4);
        await().atMost(Duration.ofSeconds(20)).until(() -> pods().size() == 4 && pods().stream()
                .allMatch(pod -> "Running".equals(pod.getStatus().getPhase())));

        client.apps().replicaSets().inNamespace(fixture.name()).withName("web").scale(2);
        await().atMost(Duration.ofSeconds(20)).until(() -> pods().size() == 2);
        assertThat(readyPods()).as("the two ready pods are kept").isEqualTo(2);
    }

    @Test
    void adoptsAMatchingOrphanInsteadOfCreatingAPod() {
        client.pods().inNamespace(fixture.name()).resource(new PodBuilder().withNewMetadata().withName("orphan")
                .withLabels(Map.of("app", "web")).endMetadata()
                .withSpec(Workloads.template(Map.of("app", "web")).getSpec()).build()).create();
        ReplicaSet replicaSet = client.apps().replicaSets().inNamespace(fixture.name())
                .resource(Workloads.replicaSet("web", 2, Map.of("app", "web"))).create();

        await().atMost(Duration.ofSeconds(20)).until(() -> pods().size() == 2 && pods().stream()
                .allMatch(pod -> pod.getMetadata().getOwnerReferences() != null && !pod.getMetadata().getOwnerReferences().isEmpty()));
        Pod orphan = client.pods().inNamespace(fixture.name()).withName("orphan").get();
        assertThat(orphan.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(owner -> assertThat(owner.getUid()).isEqualTo(replicaSet.getMetadata().getUid()));
    }

    @Test
    void releasesAPodWhoseLabelsNoLongerMatchAndReplacesIt() {
        client.apps().replicaSets().inNamespace(fixture.name()).resource(Workloads.replicaSet("web", 1, Map.of("app", "web"))).create();
        await().atMost(Duration.ofSeconds(20)).until(() -> pods().size() == 1);
        String name = pods().get(0).getMetadata().getName();
        client.pods().inNamespace(fixture.name()).withName(name)
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"labels\":{\"app\":\"debug\"}}}");

        await().atMost(Duration.ofSeconds(20)).until(() -> pods().size() == 2);
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            Pod released = client.pods().inNamespace(fixture.name()).withName(name).get();
            return released.getMetadata().getOwnerReferences() == null || released.getMetadata().getOwnerReferences().isEmpty();
        });
    }

    private ReplicaSetStatus status(ReplicaSet replicaSet) {
        ReplicaSet current = client.apps().replicaSets().inNamespace(fixture.name()).withName(replicaSet.getMetadata().getName()).get();
        return current.getStatus() == null ? new ReplicaSetStatus() : current.getStatus();
    }

    private List<Pod> pods() {
        return client.pods().inNamespace(fixture.name()).list().getItems().stream()
                .filter(pod -> pod.getMetadata().getDeletionTimestamp() == null).toList();
    }

    private long readyPods() {
        return pods().stream().filter(pod -> pod.getStatus() != null && pod.getStatus().getConditions() != null
                && pod.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())))
                .count();
    }
}
