package dev.keel.scheduler.service;

import static dev.keel.scheduler.testing.NodeMaker.node;
import static dev.keel.scheduler.testing.PodMaker.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two replicas: the first in its own JVM leads; when it is killed (SIGKILL, so it cannot give up its Lease) the
 * second, in this JVM, takes over once the lease expires.
 */
class LeaderFailoverTest {

    private static final String LEASE = "failover-test";

    private final TestCluster cluster = new TestCluster();
    private SchedulerProcess first;
    private SchedulerInstance second;

    private static String[] replica(String identity) {
        return new String[] {
                "--keel.scheduler.leader-election.lease-name=" + LEASE,
                "--keel.scheduler.leader-election.identity=" + identity};
    }

    @AfterEach
    void stop() {
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
        cluster.client.leases().inNamespace("kube-system").withName(LEASE).delete();
        cluster.cleanUp();
        cluster.client.close();
    }

    private String leaseHolder() {
        Lease lease = cluster.client.leases().inNamespace("kube-system").withName(LEASE).get();
        return lease == null ? null : lease.getSpec().getHolderIdentity();
    }

    private List<Pod> createPods(String ns, String prefix, int count) {
        List<Pod> pods = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            pods.add(cluster.pod(ns, pod(prefix + i).requesting("cpu", "100m").build()));
        }
        return pods;
    }

    private void awaitBound(List<Pod> pods, Duration within) {
        await().atMost(within).untilAsserted(() -> {
            for (Pod pod : pods) {
                assertThat(cluster.get(pod).getSpec().getNodeName()).as(pod.getMetadata().getName()).isNotNull();
            }
        });
    }

    @Test
    void theOtherReplicaTakesOverWithin15SecondsAndNoPodIsBoundTwice() {
        cluster.node(node("failover-a").build());
        cluster.node(node("failover-b").build());
        String ns = cluster.namespace("failover");
        first = SchedulerProcess.start(cluster, replica("replica-a"));
        // A JVM of its own starts slowly on a busy machine; the takeover below is what is timed.
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            assertThat(first.isAlive()).as("replica-a exited:%n%s", first.log()).isTrue();
            assertThat(leaseHolder()).isEqualTo("replica-a");
        });
        second = SchedulerInstance.start(cluster, replica("replica-b"));
        List<Pod> before = createPods(ns, "before", 10);
        awaitBound(before, Duration.ofSeconds(20));
        assertThat(second.runner().isLeading()).isFalse();
        // Events are written after the bind; wait for them so the kill cannot drop one and fail the count below.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(cluster.events(ns, "Scheduled")).hasSize(10));

        first.kill();
        List<Pod> after = createPods(ns, "after", 10);

        await().atMost(Duration.ofSeconds(15)).until(() -> second.runner().isLeading());
        awaitBound(after, Duration.ofSeconds(20));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(cluster.events(ns, "Scheduled")).hasSize(20));
        Map<String, Long> scheduledPerPod = cluster.events(ns, "Scheduled").stream()
                .collect(Collectors.groupingBy(e -> e.getInvolvedObject().getName(), Collectors.counting()));
        assertThat(scheduledPerPod).hasSize(20).allSatisfy((pod, count) -> assertThat(count).isEqualTo(1));
        assertThat(cluster.events(ns, "FailedScheduling")).extracting(Event::getMessage)
                .noneMatch(message -> message.contains("already assigned"));
    }
}
