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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** scheduler-service against the real platform-api over etcd; nodes are Node objects only. */
class SchedulingIntegrationTest {

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
    void bindsPodsToTheNodesWithRoom() {
        cluster.node(node("fit-small").allocatable("cpu", "1", "memory", "4Gi", "pods", "110").build());
        cluster.node(node("fit-big").allocatable("cpu", "8", "memory", "16Gi", "pods", "110").build());
        String ns = cluster.namespace("fit");
        List<Pod> pods = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            pods.add(cluster.pod(ns, pod("p" + i).requesting("cpu", "2", "memory", "1Gi").build()));
        }

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            for (Pod pod : pods) {
                assertThat(cluster.get(pod).getSpec().getNodeName()).isEqualTo("fit-big");
            }
        });
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(cluster.events(ns, "Scheduled")).extracting(Event::getMessage)
                        .contains("Successfully assigned fit/p0 to fit-big"));
    }

    @Test
    void noTwoPodsGetTheSameFreeCapacity() {
        cluster.node(node("cap-a").allocatable("cpu", "2", "memory", "4Gi", "pods", "110").build());
        cluster.node(node("cap-b").allocatable("cpu", "2", "memory", "4Gi", "pods", "110").build());
        String ns = cluster.namespace("cap");
        List<Pod> pods = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            pods.add(cluster.pod(ns, pod("p" + i).requesting("cpu", "1").build()));
        }

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(pods.stream().filter(p -> cluster.get(p).getSpec().getNodeName() != null).count()).isEqualTo(4));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(cluster.events(ns, "FailedScheduling")).isNotEmpty());
        List<String> nodes = pods.stream().map(p -> cluster.get(p).getSpec().getNodeName()).filter(n -> n != null).toList();
        assertThat(nodes).filteredOn("cap-a"::equals).hasSize(2);
        assertThat(nodes).filteredOn("cap-b"::equals).hasSize(2);
    }

    @Test
    void anUnschedulablePodGetsTheKubernetesSummaryAndIsPlacedWhenANodeArrives() {
        cluster.node(node("sum-small").allocatable("cpu", "1", "memory", "4Gi", "pods", "110").build());
        cluster.node(node("sum-tainted").allocatable("cpu", "8", "memory", "16Gi", "pods", "110")
                .taint("dedicated", "infra", "NoSchedule").build());
        String ns = cluster.namespace("summary");
        Pod pod = cluster.pod(ns, pod("big").requesting("cpu", "2").build());

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(cluster.events(ns, "FailedScheduling")).extracting(Event::getMessage)
                        .contains("0/2 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint {dedicated: infra}."));
        assertThat(cluster.get(pod).getSpec().getNodeName()).isNull();

        cluster.node(node("sum-roomy").allocatable("cpu", "4", "memory", "16Gi", "pods", "110").build());

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(cluster.get(pod).getSpec().getNodeName()).isEqualTo("sum-roomy"));
    }

    @Test
    void attemptsPendingPodsAndEndToEndLatencyAreExported() throws Exception {
        cluster.node(node("metrics-small").allocatable("cpu", "1", "memory", "4Gi", "pods", "110").build());
        String ns = cluster.namespace("metrics");
        Pod fits = cluster.pod(ns, pod("fits").requesting("cpu", "500m").build());
        cluster.pod(ns, pod("too-big").requesting("cpu", "4").build());

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(cluster.get(fits).getSpec().getNodeName()).isEqualTo("metrics-small");
            String metrics = scheduler.prometheus();
            assertThat(metrics).containsPattern("(?m)^scheduler_scheduling_attempt_duration_seconds_count\\{.*result=\"scheduled\".*} [1-9]");
            assertThat(metrics).containsPattern("(?m)^scheduler_scheduling_attempt_duration_seconds_count\\{.*result=\"unschedulable\".*} [1-9]");
            assertThat(metrics).containsPattern("(?m)^scheduler_pending_pods\\{.*queue=\"unschedulable\".*} [1-9]");
            assertThat(metrics).containsPattern("(?m)^scheduler_pending_pods\\{.*queue=\"active\".*} ");
            assertThat(metrics).containsPattern("(?m)^scheduler_pending_pods\\{.*queue=\"backoff\".*} ");
            assertThat(metrics).containsPattern("(?m)^scheduler_pod_scheduling_duration_seconds_bucket\\{.*le=\"\\+Inf\".*} [1-9]");
            assertThat(metrics).containsPattern("(?m)^scheduler_scheduling_algorithm_duration_seconds_count [1-9]");
        });
    }

    @Test
    void podsOfAnotherSchedulerAreLeftAlone() throws Exception {
        cluster.node(node("other-n").build());
        String ns = cluster.namespace("other");
        Pod mine = cluster.pod(ns, pod("mine").build());
        Pod theirs = pod("theirs").build();
        theirs.getSpec().setSchedulerName("someone-else");
        Pod created = cluster.pod(ns, theirs);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(cluster.get(mine).getSpec().getNodeName()).isEqualTo("other-n"));
        assertThat(cluster.get(created).getSpec().getNodeName()).isNull();
    }

    @Test
    void aHigherPriorityPodPreemptsTheFewestLowerPriorityPods() {
        cluster.priorityClass("sched-low", 10);
        cluster.priorityClass("sched-high", 1000);
        cluster.node(node("preempt-n").allocatable("cpu", "2", "memory", "4Gi", "pods", "110").build());
        String ns = cluster.namespace("preempt");
        Pod low = pod("low").requesting("cpu", "2").build();
        low.getSpec().setPriorityClassName("sched-low");
        low.getSpec().setTerminationGracePeriodSeconds(0L);
        Pod lowCreated = cluster.pod(ns, low);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(cluster.get(lowCreated).getSpec().getNodeName()).isEqualTo("preempt-n"));

        Pod high = pod("high").requesting("cpu", "1").build();
        high.getSpec().setPriorityClassName("sched-high");
        Pod highCreated = cluster.pod(ns, high);

        assertThat(highCreated.getSpec().getPriority()).isEqualTo(1000);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(cluster.get(lowCreated)).isNull();
            assertThat(cluster.get(highCreated).getSpec().getNodeName()).isEqualTo("preempt-n");
        });
        assertThat(cluster.events(ns, "Preempted")).extracting(e -> e.getInvolvedObject().getName()).containsExactly("low");
    }
}
