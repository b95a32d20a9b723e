package dev.keel.reconciler.podgc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keel.reconciler.testing.ReconcilerTestCluster;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pod garbage collector in the suite's reconciler-service (quarantine 2 s): pods of a deleted node, and pods
 * terminating on a node out of service, are force-deleted; nothing else is. No kubelet runs: the nodes are bare
 * Node objects, so a pod deleted gracefully would stay Terminating for ever without the collector.
 */
class PodGcControllerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(40);

    private final ReconcilerTestCluster cluster = ReconcilerTestCluster.shared();
    private final KubernetesClient client = cluster.client();
    private final List<Pod> seen = new CopyOnWriteArrayList<>();
    private String namespace;
    private Watch watch;

    @BeforeEach
    void setUp() {
        namespace = cluster.createNamespace("podgc");
        watch = client.pods().inNamespace(namespace).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Pod pod) {
                seen.add(pod);
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        });
    }

    @AfterEach
    void tearDown() {
        watch.close();
    }

    @Test
    void thePodsOfADeletedNodeAreMarkedFailedAndDeleted() {
        String nodeName = "gone-" + namespace;
        node(nodeName, "True", false);
        runningPod("running", nodeName);
        runningPod("terminating", nodeName);
        client.pods().inNamespace(namespace).withName("terminating").delete();
        await().atMost(TIMEOUT).until(() -> pod("terminating").getMetadata().getDeletionTimestamp() != null);

        client.nodes().withName(nodeName).delete();

        await().atMost(TIMEOUT).until(() -> pod("running") == null && pod("terminating") == null);
        assertThat(seen).filteredOn(pod -> pod.getMetadata().getName().equals("running")).anySatisfy(pod -> {
            assertThat(pod.getStatus().getPhase()).isEqualTo("Failed");
            assertThat(pod.getStatus().getConditions()).anySatisfy(condition -> {
                assertThat(condition.getType()).isEqualTo("DisruptionTarget");
                assertThat(condition.getReason()).isEqualTo("DeletionByPodGC");
                assertThat(condition.getMessage()).isEqualTo("PodGC: node no longer exists");
            });
        });
    }

    @Test
    void terminatingPodsOnANodeOutOfServiceAreForceDeletedAndRunningOnesOnALiveNodeStay() {
        String outOfService = "shutdown-" + namespace;
        String live = "live-" + namespace;
        node(outOfService, "False", true);
        node(live, "True", false);
        runningPod("stuck", outOfService);
        runningPod("stays", live);
        client.pods().inNamespace(namespace).withName("stuck").delete();

        await().atMost(TIMEOUT).until(() -> pod("stuck") == null);
        assertThat(seen).filteredOn(pod -> pod.getMetadata().getName().equals("stuck"))
                .anySatisfy(pod -> assertThat(pod.getStatus().getPhase()).isEqualTo("Failed"));
        assertThat(pod("stays")).isNotNull();
        assertThat(pod("stays").getMetadata().getDeletionTimestamp()).isNull();
    }

    private void node(String name, String ready, boolean outOfService) {
        NodeBuilder builder = new NodeBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec().endSpec();
        if (outOfService) {
            builder.editSpec().addNewTaint().withKey(PodGcPlanner.OUT_OF_SERVICE).withValue("nodeshutdown")
                    .withEffect("NoSchedule").endTaint().endSpec();
        }
        Node created = client.nodes().resource(builder.build()).create();
        created.setStatus(new NodeBuilder().withNewStatus().addNewCondition().withType("Ready").withStatus(ready)
                .withLastHeartbeatTime(java.time.Instant.now().toString()).endCondition().endStatus().build().getStatus());
        client.nodes().resource(created).updateStatus();
    }

    /** A pod bound to {@code node} and reported Running, as its kubelet would have left it. */
    private void runningPod(String name, String node) {
        Pod created = client.pods().inNamespace(namespace).resource(new PodBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withNodeName(node).addNewContainer().withName("main").withImage("localhost:5000/busybox:1.35")
                .endContainer().endSpec().build()).create();
        created.getStatus().setPhase("Running");
        client.pods().inNamespace(namespace).resource(created).updateStatus();
    }

    private Pod pod(String name) {
        return client.pods().inNamespace(namespace).withName(name).get();
    }
}
