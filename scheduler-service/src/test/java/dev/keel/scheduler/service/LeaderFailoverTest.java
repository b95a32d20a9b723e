package dev.keel.scheduler.service;

import static dev.keel.scheduler.testing.NodeMaker.node;
import static dev.keel.scheduler.testing.PodMaker.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two replicas in one JVM: one leads; when it dies without giving up its Lease, the other takes over. */
class LeaderFailoverTest {

    private final TestCluster cluster = new TestCluster();
    private final List<SchedulerInstance> replicas = new ArrayList<>();

    private SchedulerInstance replica(String identity) {
        SchedulerInstance replica = SchedulerInstance.start(cluster,
                "--keel.scheduler.leader-election.lease-name=failover-test",
                "--keel.scheduler.leader-election.identity=" + identity,
                // A crash: the lease is not given up, so the other replica must wait for it to expire.
                "--keel.scheduler.leader-election.release-on-stop=false");
        replicas.add(replica);
        return replica;
    }

    @AfterEach
    void stop() {
        replicas.forEach(SchedulerInstance::close);
        cluster.cleanUp();
        cluster.client.close();
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
        SchedulerInstance first = replica("replica-a");
        await().atMost(Duration.ofSeconds(20)).until(() -> first.runner().isLeading());
        SchedulerInstance second = replica("replica-b");
        List<Pod> before = createPods(ns, "before", 10);
        awaitBound(before, Duration.ofSeconds(20));
        assertThat(second.runner().isLeading()).isFalse();

        first.close();
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
