package dev.keel.scheduler.queue;

import static dev.keel.scheduler.testing.PodMaker.pod;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.scheduler.testing.MutableClock;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SchedulingQueueTest {

    private final MutableClock clock = new MutableClock();
    private final SchedulingQueue queue = new SchedulingQueue(clock,
            new BackoffPolicy(Duration.ofSeconds(1), Duration.ofSeconds(10)), Duration.ofMinutes(5));

    @Test
    void popsHigherPriorityFirstThenOldest() throws Exception {
        queue.add(pod("old").info());
        clock.advance(Duration.ofMillis(1));
        queue.add(pod("young").info());
        queue.add(pod("urgent").priority(100).info());

        assertThat(queue.pop(Duration.ZERO).key()).isEqualTo("default/urgent");
        assertThat(queue.pop(Duration.ZERO).key()).isEqualTo("default/old");
        assertThat(queue.pop(Duration.ZERO).key()).isEqualTo("default/young");
        assertThat(queue.pop(Duration.ZERO)).isNull();
    }

    @Test
    void errorsBackOffExponentially() throws Exception {
        queue.add(pod("p").info());
        QueuedPod first = queue.pop(Duration.ZERO);
        queue.requeue(first.rejected(Set.of(), clock.instant()), true);
        assertThat(queue.backoffCount()).isEqualTo(1);

        clock.advance(Duration.ofMillis(999));
        queue.flush();
        assertThat(queue.activeCount()).isZero();
        clock.advance(Duration.ofMillis(1));
        queue.flush();
        QueuedPod second = queue.pop(Duration.ZERO);
        assertThat(second.attempts()).isEqualTo(2);

        queue.requeue(second.rejected(Set.of(), clock.instant()), true);
        clock.advance(Duration.ofMillis(1999));
        queue.flush();
        assertThat(queue.activeCount()).isZero();
        clock.advance(Duration.ofMillis(1));
        queue.flush();
        assertThat(queue.activeCount()).isEqualTo(1);
    }

    @Test
    void backoffStopsAtTheMaximum() {
        BackoffPolicy policy = new BackoffPolicy(Duration.ofSeconds(1), Duration.ofSeconds(10));

        assertThat(policy.after(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.after(4)).isEqualTo(Duration.ofSeconds(8));
        assertThat(policy.after(30)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void unschedulablePodsWaitForAHelpfulEvent() throws Exception {
        queue.add(pod("p").info());
        QueuedPod popped = queue.pop(Duration.ZERO);
        queue.requeue(popped.rejected(Set.of("NodeResourcesFit"), clock.instant()), false);
        assertThat(queue.unschedulableCount()).isEqualTo(1);

        queue.onClusterEvent(ClusterEvent.ASSIGNED_POD_ADD);
        assertThat(queue.unschedulableCount()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(2));
        queue.onClusterEvent(ClusterEvent.NODE_CHANGE);
        assertThat(queue.unschedulableCount()).isZero();
        assertThat(queue.activeCount()).isEqualTo(1);
    }

    @Test
    void anEventDuringTheAttemptSendsThePodToBackoffInsteadOfWaiting() throws Exception {
        queue.add(pod("p").info());
        QueuedPod popped = queue.pop(Duration.ZERO);
        queue.onClusterEvent(ClusterEvent.NODE_CHANGE);
        queue.requeue(popped.rejected(Set.of("NodeResourcesFit"), clock.instant()), false);

        assertThat(queue.unschedulableCount()).isZero();
        assertThat(queue.backoffCount()).isEqualTo(1);
    }

    @Test
    void unschedulablePodsAreRetriedAfterTheTimeout() throws Exception {
        queue.add(pod("p").info());
        queue.requeue(queue.pop(Duration.ZERO).rejected(Set.of("X"), clock.instant()), false);

        clock.advance(Duration.ofMinutes(5));
        queue.flush();

        assertThat(queue.activeCount()).isEqualTo(1);
    }

    @Test
    void aPodDeletedWhileInFlightIsNotQueuedAgain() throws Exception {
        queue.add(pod("p").info());
        QueuedPod popped = queue.pop(Duration.ZERO);
        queue.delete(popped.key());
        queue.requeue(popped.rejected(Set.of(), clock.instant()), true);

        assertThat(queue.contains(popped.key())).isFalse();
        assertThat(queue.backoffCount()).isZero();
    }

    @Test
    void addingTwiceKeepsOne() throws Exception {
        queue.add(pod("p").info());
        queue.add(pod("p").info());

        assertThat(queue.activeCount()).isEqualTo(1);
    }
}
