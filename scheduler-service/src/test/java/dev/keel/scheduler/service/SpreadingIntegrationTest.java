package dev.keel.scheduler.service;

import static dev.keel.scheduler.testing.NodeMaker.node;
import static dev.keel.scheduler.testing.PodMaker.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Replicas without requests, created at once, spread over two equal nodes as kube-scheduler spreads them: by the
 * non-zero request defaults and by the system default topology spread over the pods of their ReplicaSet, which
 * holds even when one node already runs other pods.
 */
class SpreadingIntegrationTest {

    private static final int REPLICAS = 50;

    private static TestCluster cluster;
    private static SchedulerInstance scheduler;

    @BeforeAll
    static void start() {
        cluster = new TestCluster();
        scheduler = SchedulerInstance.start(cluster, "--keel.scheduler.leader-election.enabled=false");
    }

    @AfterAll
    static void stop() {
        scheduler.close();
        cluster.client.close();
    }

    @AfterEach
    void cleanUp() {
        cluster.cleanUp();
    }

    @Test
    void fiftyReplicasWithoutRequestsSpreadOverTwoEqualNodes() {
        String ns = cluster.namespace("spread-even");
        twoEqualNodes(ns);

        Map<String, Long> perNode = schedule(ns, replicas(ns));

        assertThat(perNode).as("replicas per node").containsOnlyKeys(ns + "-a", ns + "-b");
        assertWithinHostnameSkew(perNode);
    }

    @Test
    void replicasSpreadEvenlyAlthoughOneNodeAlreadyRunsOtherPods() {
        String ns = cluster.namespace("spread-loaded");
        twoEqualNodes(ns);
        for (int i = 0; i < 10; i++) {
            Pod other = pod("other-" + i).label("app", "other").build();
            other.getSpec().setNodeName(ns + "-a");
            cluster.pod(ns, other);
        }

        Map<String, Long> perNode = schedule(ns, replicas(ns));

        // Resources alone put 30 of the 50 on the emptier node (and tie once the default requests fill both cpus);
        // the spreading score, weighted 2, keeps the ReplicaSet even.
        assertThat(perNode).as("replicas per node").containsOnlyKeys(ns + "-a", ns + "-b");
        assertWithinHostnameSkew(perNode);
    }

    /**
     * Pods scheduled one after another, each cycle counting the ones before (assumed or bound), stay within the
     * system default hostname maxSkew of 3, as with kube-scheduler: of 50 replicas, 24 to 26 per node.
     */
    private static void assertWithinHostnameSkew(Map<String, Long> perNode) {
        long most = perNode.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        long fewest = perNode.values().stream().mapToLong(Long::longValue).min().orElseThrow();
        assertThat(most - fewest).as("skew of replicas per node: %s", perNode).isLessThanOrEqualTo(3);
    }

    /** Two nodes alike in every way, labelled so that only this test's pods go there. */
    private void twoEqualNodes(String ns) {
        for (String suffix : List.of("a", "b")) {
            cluster.node(node(ns + "-" + suffix).label("spread-test", ns)
                    .allocatable("cpu", "2", "memory", "8Gi", "pods", "110").build());
        }
    }

    /** The ReplicaSet "web" and its pods, without requests, created at once as its controller would. */
    private List<Pod> replicas(String ns) {
        ReplicaSet owner = cluster.client.apps().replicaSets().inNamespace(ns).resource(new ReplicaSetBuilder()
                .withNewMetadata().withName("web").endMetadata()
                .withNewSpec().withReplicas(REPLICAS).withNewSelector().addToMatchLabels("app", "web").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata()
                .withNewSpec().addNewContainer().withName("c").withImage("busybox").endContainer().endSpec()
                .endTemplate().endSpec().build()).create();
        // As in a cluster, the ReplicaSet exists before its pods: wait until the scheduler's cache holds it too, or
        // the first pods could arrive on the pod watch before it arrives on its own.
        WorkloadInformers workloads = scheduler.context.getBean(WorkloadInformers.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> workloads.replicaSet(ns, "web").isPresent());
        List<Pod> pods = new ArrayList<>();
        for (int i = 0; i < REPLICAS; i++) {
            Pod pod = pod("web-" + i).label("app", "web").nodeSelector("spread-test", ns).build();
            pod.getMetadata().setOwnerReferences(List.of(new OwnerReferenceBuilder().withApiVersion("apps/v1")
                    .withKind("ReplicaSet").withName("web").withUid(owner.getMetadata().getUid()).withController(true)
                    .withBlockOwnerDeletion(true).build()));
            pods.add(cluster.pod(ns, pod));
        }
        return pods;
    }

    private Map<String, Long> schedule(String ns, List<Pod> pods) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(pods).allSatisfy(pod -> assertThat(cluster.get(pod).getSpec().getNodeName()).isNotNull()));
        return pods.stream().map(pod -> cluster.get(pod).getSpec().getNodeName())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }
}
