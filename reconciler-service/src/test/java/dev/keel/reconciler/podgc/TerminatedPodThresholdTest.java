package dev.keel.reconciler.podgc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keel.reconciler.testing.ReconcilerTestCluster;
import dev.keel.runtime.controller.Informers;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The terminated-pod threshold against the real API server: a collector whose threshold is two below the finished
 * pods of the cluster deletes exactly two of them, the oldest, so this test's newest finished pod stays. The suite's
 * reconciler-service is stopped meanwhile; the collector under test reads informers of its own.
 */
class TerminatedPodThresholdTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static ReconcilerTestCluster cluster;
    private static KubernetesClient client;

    private Informers informers;
    private String namespace;

    @BeforeAll
    static void stopTheSharedReconciler() {
        cluster = ReconcilerTestCluster.shared();
        client = cluster.client();
        cluster.stopReconciler();
    }

    @AfterAll
    static void restartTheSharedReconciler() {
        cluster.startReconciler();
    }

    @BeforeEach
    void setUp() throws InterruptedException {
        namespace = cluster.createNamespace("podgc-threshold");
        informers = new Informers(client, Duration.ZERO);
        informers.informer(Pod.class);
        informers.informer(Node.class);
        informers.start();
        informers.awaitSynced(TIMEOUT);
    }

    @AfterEach
    void tearDown() {
        informers.close();
    }

    @Test
    void finishedPodsBeyondTheThresholdAreDeletedOldestFirst() {
        for (String name : List.of("done-a", "done-b", "done-c")) {
            finishedPod(name);
        }
        await().atMost(TIMEOUT).until(() -> finished(informers.informer(Pod.class).getStore().list()) >= 3
                && informers.get(Pod.class, namespace, "done-c").map(PodGcPlanner::isFinished).orElse(false));
        long before = finished(client.pods().inAnyNamespace().list().getItems());
        PodGcProperties properties = new PodGcProperties();
        properties.setTerminatedPodThreshold((int) before - 2);

        new PodGcReconciler(client, informers, Clock.systemUTC(), properties).reconcile(PodGcReconciler.SWEEP);

        assertThat(finished(client.pods().inAnyNamespace().list().getItems())).isEqualTo(before - 2);
        assertThat(client.pods().inNamespace(namespace).withName("done-c").get()).isNotNull();
    }

    /** A pod that ran and succeeded without ever having a node (as a kubelet would have reported it). */
    private void finishedPod(String name) {
        Pod created = client.pods().inNamespace(namespace).resource(new PodBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().addNewContainer().withName("main").withImage("localhost:5000/busybox:1.35").endContainer()
                .endSpec().build()).create();
        created.getStatus().setPhase("Succeeded");
        client.pods().inNamespace(namespace).resource(created).updateStatus();
    }

    private static long finished(List<Pod> pods) {
        return pods.stream().filter(PodGcPlanner::isFinished).count();
    }
}
