package dev.keel.reconciler.statefulset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keel.api.testing.Kubectl;
import dev.keel.reconciler.testing.Conflicts;
import dev.keel.reconciler.testing.ReconcilerTestCluster;
import dev.keel.reconciler.testing.SimulatedKubelet;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StatefulSetControllerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ReconcilerTestCluster cluster = ReconcilerTestCluster.shared();
    private final KubernetesClient client = cluster.client();
    private String namespace;
    private SimulatedKubelet kubelet;
    private volatile Predicate<Pod> notReady = pod -> false;

    @BeforeEach
    void setUp() {
        namespace = cluster.createNamespace("sts");
        kubelet = new SimulatedKubelet(client, namespace, "node-" + namespace, Duration.ofMillis(200), Duration.ofMillis(100));
        kubelet.neverReady(pod -> notReady.test(pod));
    }

    @AfterEach
    void tearDown() {
        kubelet.close();
    }

    @Test
    void orderedReadyCreatesOnePodAfterTheOtherAndWaitsForReadiness() {
        notReady = pod -> pod.getMetadata().getName().equals("web-1");
        client.apps().statefulSets().inNamespace(namespace).resource(StatefulSets.statefulSet("web", 3).build()).create();

        await().atMost(WAIT).until(() -> podNames().equals(List.of("web-0", "web-1")));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> podNames().equals(List.of("web-0", "web-1")));

        notReady = pod -> false;
        client.pods().inNamespace(namespace).withName("web-1").delete();

        await().atMost(WAIT).until(() -> readyReplicas("web") == 3);
        assertThat(podNames()).containsExactly("web-0", "web-1", "web-2");
        Pod pod = client.pods().inNamespace(namespace).withName("web-2").get();
        assertThat(pod.getMetadata().getLabels()).containsEntry(StatefulPods.POD_NAME_LABEL, "web-2")
                .containsKey(StatefulPods.REVISION_LABEL);
        assertThat(claimNames()).containsExactly("data-web-0", "data-web-1", "data-web-2");
    }

    @Test
    void scaleDownRemovesTheHighestOrdinalsAndKeepsTheirClaims() {
        client.apps().statefulSets().inNamespace(namespace).resource(StatefulSets.statefulSet("db", 3).build()).create();
        await().atMost(WAIT).until(() -> readyReplicas("db") == 3);

        client.apps().statefulSets().inNamespace(namespace).withName("db").scale(1);

        await().atMost(WAIT).until(() -> podNames().equals(List.of("db-0")) && status("db").getReplicas() == 1);
        assertThat(claimNames()).containsExactly("data-db-0", "data-db-1", "data-db-2");
        List<String> deletions = client.v1().events().inNamespace(namespace).list().getItems().stream()
                .filter(event -> "SuccessfulDelete".equals(event.getReason())).map(event -> event.getMessage()).toList();
        assertThat(deletions).containsExactly("delete Pod db-2 in StatefulSet db successful",
                "delete Pod db-1 in StatefulSet db successful");
    }

    @Test
    void aFailedPodIsRecreatedUnderItsName() {
        client.apps().statefulSets().inNamespace(namespace).resource(StatefulSets.statefulSet("cache", 1).build()).create();
        await().atMost(WAIT).until(() -> readyReplicas("cache") == 1);
        String uid = client.pods().inNamespace(namespace).withName("cache-0").get().getMetadata().getUid();

        client.pods().inNamespace(namespace).withName("cache-0").editStatus(pod -> {
            pod.getStatus().setPhase("Failed");
            return pod;
        });

        await().atMost(WAIT).until(() -> {
            Pod pod = client.pods().inNamespace(namespace).withName("cache-0").get();
            return pod != null && !uid.equals(pod.getMetadata().getUid());
        });
        await().atMost(WAIT).untilAsserted(() -> assertThat(client.v1().events().inNamespace(namespace).list().getItems())
                .anySatisfy(event -> {
                    assertThat(event.getReason()).isEqualTo("RecreatingFailedPod");
                    assertThat(event.getMessage()).isEqualTo("StatefulSet " + namespace + "/cache is recreating failed Pod cache-0");
                }));
    }

    @Test
    void parallelCreatesEveryPodWithoutWaiting() {
        notReady = pod -> true;
        client.apps().statefulSets().inNamespace(namespace)
                .resource(StatefulSets.statefulSet("par", 3).editSpec().withPodManagementPolicy("Parallel").endSpec().build()).create();

        await().atMost(WAIT).until(() -> podNames().equals(List.of("par-0", "par-1", "par-2")));
        assertThat(status("par").getReadyReplicas()).isIn(null, 0);
    }

    @Test
    void rollingUpdateHonoursThePartitionAndKubectlFollowsIt() {
        client.apps().statefulSets().inNamespace(namespace).resource(StatefulSets.statefulSet("web", 3).build()).create();
        await().atMost(WAIT).until(() -> readyReplicas("web") == 3);
        String oldRevision = status("web").getUpdateRevision();
        assertThat(status("web").getCurrentRevision()).isEqualTo(oldRevision);

        Conflicts.retry(() -> client.apps().statefulSets().inNamespace(namespace).withName("web").edit(set -> {
            set.getSpec().setUpdateStrategy(new io.fabric8.kubernetes.api.model.apps.StatefulSetUpdateStrategyBuilder()
                    .withType("RollingUpdate").withNewRollingUpdate().withPartition(1).endRollingUpdate().build());
            set.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("localhost:5000/busybox:1.36");
            return set;
        }));

        await().atMost(WAIT).until(() -> status("web").getUpdatedReplicas() != null && status("web").getUpdatedReplicas() == 2
                && readyReplicas("web") == 3);
        String newRevision = status("web").getUpdateRevision();
        assertThat(newRevision).isNotEqualTo(oldRevision);
        assertThat(revisions()).containsEntry("web-0", oldRevision).containsEntry("web-1", newRevision)
                .containsEntry("web-2", newRevision);
        assertThat(status("web").getCurrentRevision()).isEqualTo(oldRevision);
        Kubectl.Result partitioned = kubectl("rollout", "status", "statefulset/web", "-n", namespace, "--timeout=30s");
        assertThat(partitioned.exitCode()).as(partitioned.all()).isZero();
        assertThat(partitioned.out()).contains("partitioned roll out complete");

        Conflicts.retry(() -> client.apps().statefulSets().inNamespace(namespace).withName("web").edit(set -> {
            set.getSpec().getUpdateStrategy().getRollingUpdate().setPartition(0);
            return set;
        }));
        Kubectl.Result complete = kubectl("rollout", "status", "statefulset/web", "-n", namespace, "--timeout=30s");
        assertThat(complete.exitCode()).as(complete.all()).isZero();
        assertThat(revisions()).containsOnly(Map.entry("web-0", newRevision), Map.entry("web-1", newRevision),
                Map.entry("web-2", newRevision));
        assertThat(status("web").getCurrentRevision()).isEqualTo(newRevision);
        assertThat(status("web").getCurrentReplicas()).isEqualTo(3);
        assertThat(status("web").getObservedGeneration()).isEqualTo(
                client.apps().statefulSets().inNamespace(namespace).withName("web").get().getMetadata().getGeneration());
    }

    private Kubectl.Result kubectl(String... args) {
        return new Kubectl(Kubectl.VERSIONS.get(0), cluster.api().kubeconfig()).run(args);
    }

    private StatefulSetStatus status(String name) {
        StatefulSet set = client.apps().statefulSets().inNamespace(namespace).withName(name).get();
        return set.getStatus() == null ? new StatefulSetStatus() : set.getStatus();
    }

    private int readyReplicas(String name) {
        Integer ready = status(name).getReadyReplicas();
        return ready == null ? 0 : ready;
    }

    private List<String> podNames() {
        return client.pods().inNamespace(namespace).list().getItems().stream()
                .map(pod -> pod.getMetadata().getName()).sorted().toList();
    }

    private Map<String, String> revisions() {
        return client.pods().inNamespace(namespace).list().getItems().stream()
                .filter(pod -> pod.getMetadata().getDeletionTimestamp() == null)
                .collect(Collectors.toMap(pod -> pod.getMetadata().getName(),
                        pod -> pod.getMetadata().getLabels().get(StatefulPods.REVISION_LABEL)));
    }

    private List<String> claimNames() {
        return client.persistentVolumeClaims().inNamespace(namespace).list().getItems().stream()
                .map(claim -> claim.getMetadata().getName()).sorted().toList();
    }
}
