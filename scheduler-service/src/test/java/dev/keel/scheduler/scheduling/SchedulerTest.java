package dev.keel.scheduler.scheduling;

import static dev.keel.scheduler.testing.NodeMaker.node;
import static dev.keel.scheduler.testing.PodMaker.pod;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.scheduler.cache.SchedulerCache;
import dev.keel.scheduler.framework.Framework;
import dev.keel.scheduler.framework.Status;
import dev.keel.scheduler.profile.DefaultPlugins;
import dev.keel.scheduler.profile.Profiles;
import dev.keel.scheduler.queue.BackoffPolicy;
import dev.keel.scheduler.queue.QueuedPod;
import dev.keel.scheduler.queue.SchedulingQueue;
import dev.keel.scheduler.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The scheduling cycle around the plugins: assume, bind on the pool, and what a failed bind undoes. */
class SchedulerTest {

    private final MutableClock clock = new MutableClock();
    private final SchedulingQueue queue = new SchedulingQueue(clock,
            new BackoffPolicy(Duration.ofSeconds(1), Duration.ofSeconds(10)), Duration.ofMinutes(5));
    private final SchedulerCache cache = new SchedulerCache(clock, Duration.ofSeconds(30));
    private final List<String> outcomes = new ArrayList<>();
    private final AtomicInteger bindCalls = new AtomicInteger();
    private final ExecutorService binders = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        binders.shutdownNow();
    }

    /** A scheduler whose bind call answers the given statuses in turn (the last one from then on). */
    private Scheduler scheduler(Status... bindAnswers) {
        Map<String, Framework> profiles = Profiles.build(List.of(Profiles.Spec.defaults("default-scheduler")),
                DefaultPlugins.registry((pod, node) -> bindAnswers[Math.min(bindCalls.getAndIncrement(), bindAnswers.length - 1)],
                        (victim, preemptor, node) -> {
                            throw new AssertionError("no preemption expected");
                        }));
        return new Scheduler(queue, cache, profiles, binders, new SchedulingListener() {
            public synchronized void scheduled(QueuedPod pod, String node, Duration attempt, Duration endToEnd) {
                outcomes.add("scheduled " + pod.key() + " on " + node);
            }

            public synchronized void unschedulable(QueuedPod pod, String message, Duration attempt) {
                outcomes.add("unschedulable " + pod.key() + ": " + message);
            }

            public synchronized void failed(QueuedPod pod, String message, Duration attempt) {
                outcomes.add("failed " + pod.key() + ": " + message);
            }
        }, clock, new ScheduleAlgorithm(RandomGenerator.of("L64X128MixRandom")));
    }

    /** One cycle, then waits for the bind on the pool to finish. */
    private void runOnce(Scheduler scheduler) throws Exception {
        QueuedPod next = queue.pop(Duration.ZERO);
        assertThat(next).as("a pod to schedule").isNotNull();
        scheduler.scheduleOne(next);
        binders.submit(() -> { }).get(10, TimeUnit.SECONDS);
    }

    @Test
    void aBoundPodStaysAssumedUntilTheInformerConfirmsIt() throws Exception {
        cache.addNode(node("n").allocatable("cpu", "2", "memory", "4Gi", "pods", "110").build());
        queue.add(pod("p").requesting("cpu", "1").info());

        runOnce(scheduler(Status.success()));

        assertThat(outcomes).containsExactly("scheduled default/p on n");
        assertThat(cache.isAssumed("default/p")).isTrue();
        assertThat(cache.snapshot().get("n").requested().milliCpu()).isEqualTo(1000);
        assertThat(queue.contains("default/p")).isFalse();
    }

    @Test
    void aFailedBindForgetsTheAssumptionAndRetriesAfterBackoff() throws Exception {
        cache.addNode(node("n").allocatable("cpu", "2", "memory", "4Gi", "pods", "110").build());
        queue.add(pod("p").requesting("cpu", "1").info());
        Scheduler scheduler = scheduler(Status.error("Operation cannot be fulfilled: conflict", null), Status.success());

        runOnce(scheduler);

        assertThat(outcomes).singleElement().asString().startsWith("failed default/p: Binding rejected");
        assertThat(cache.isAssumed("default/p")).isFalse();
        assertThat(cache.snapshot().get("n").requested().milliCpu()).isZero();
        assertThat(queue.backoffCount()).isEqualTo(1);
        queue.flush();
        assertThat(queue.pop(Duration.ZERO)).as("still backing off").isNull();

        clock.advance(Duration.ofSeconds(1));
        queue.flush();
        runOnce(scheduler);

        assertThat(outcomes).last().isEqualTo("scheduled default/p on n");
        assertThat(bindCalls).hasValue(2);
    }

    @Test
    void aPodThatFitsNowhereWaitsAsUnschedulableWithTheSummary() throws Exception {
        cache.addNode(node("n").allocatable("cpu", "1", "memory", "4Gi", "pods", "110").build());
        queue.add(pod("p").requesting("cpu", "2").info());

        QueuedPod next = queue.pop(Duration.ZERO);
        scheduler(Status.success()).scheduleOne(next);

        assertThat(outcomes).containsExactly("unschedulable default/p: 0/1 nodes are available: 1 Insufficient cpu.");
        assertThat(queue.unschedulableCount()).isEqualTo(1);
        assertThat(bindCalls).hasValue(0);
    }
}
