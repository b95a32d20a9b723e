package dev.keel.scheduler.cache;

import static dev.keel.scheduler.testing.NodeMaker.node;
import static dev.keel.scheduler.testing.PodMaker.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.scheduler.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SchedulerCacheTest {

    private final MutableClock clock = new MutableClock();
    private final SchedulerCache cache = new SchedulerCache(clock, Duration.ofSeconds(30));

    private long usedCpu(String node) {
        return cache.snapshot().get(node).requested().milliCpu();
    }

    @Test
    void anAssumedPodUsesItsNodeAtOnce() {
        cache.addNode(node("n").build());
        cache.assume(pod("p").requesting("cpu", "1").info(), "n");

        assertThat(usedCpu("n")).isEqualTo(1000);
        assertThat(cache.isAssumed("default/p")).isTrue();
    }

    @Test
    void theInformerConfirmsAnAssumption() {
        cache.addNode(node("n").build());
        cache.assume(pod("p").requesting("cpu", "1").info(), "n");
        cache.finishBinding("default/p");
        cache.addPod(pod("p").requesting("cpu", "1").nodeName("n").info());

        clock.advance(Duration.ofMinutes(1));
        assertThat(cache.cleanupExpired()).isEmpty();
        assertThat(cache.isAssumed("default/p")).isFalse();
        assertThat(usedCpu("n")).isEqualTo(1000);
    }

    @Test
    void forgettingFreesTheCapacity() {
        cache.addNode(node("n").build());
        cache.assume(pod("p").requesting("cpu", "1").info(), "n");
        cache.forget("default/p");

        assertThat(usedCpu("n")).isZero();
        assertThat(cache.podCount()).isZero();
    }

    @Test
    void anUnconfirmedAssumptionExpiresAfterTheTtl() {
        cache.addNode(node("n").build());
        cache.assume(pod("p").requesting("cpu", "1").info(), "n");
        cache.finishBinding("default/p");

        clock.advance(Duration.ofSeconds(29));
        assertThat(cache.cleanupExpired()).isEmpty();
        clock.advance(Duration.ofSeconds(2));
        assertThat(cache.cleanupExpired()).containsExactly("default/p");
        assertThat(usedCpu("n")).isZero();
    }

    @Test
    void aPodIsAssumedOnce() {
        cache.addNode(node("n").build());
        cache.assume(pod("p").info(), "n");

        assertThatThrownBy(() -> cache.assume(pod("p").info(), "n")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void podsSeenBeforeTheirNodeAreKeptAndCountedOnceItArrives() {
        cache.addPod(pod("p").requesting("cpu", "1").nodeName("late").info());
        assertThat(cache.snapshot().get("late")).isNull();

        cache.addNode(node("late").build());
        assertThat(usedCpu("late")).isEqualTo(1000);
    }

    @Test
    void removingAPodFreesItsNode() {
        cache.addNode(node("n").build());
        cache.addPod(pod("p").requesting("cpu", "1").nodeName("n").info());
        cache.removePod("default/p");

        assertThat(usedCpu("n")).isZero();
    }
}
