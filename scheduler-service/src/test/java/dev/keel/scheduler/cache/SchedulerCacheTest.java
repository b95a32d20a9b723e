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

    @Test
    void aSnapshotStaysAsItWasWhileTheNextSeesTheChange() {
        cache.addNode(node("a").build());
        cache.addNode(node("b").build());
        var before = cache.snapshot();

        cache.assume(pod("p").requesting("cpu", "1").info(), "b");
        var after = cache.snapshot();

        assertThat(before.get("b").requested().milliCpu()).isZero();
        assertThat(after.get("b").requested().milliCpu()).isEqualTo(1000);
        assertThat(after.get("a")).isSameAs(before.get("a"));
        assertThat(after.nodes()).extracting(n -> n.name()).containsExactly("a", "b");
    }

    @Test
    void anIncrementalSnapshotListsANodeWhosePodHasOnlyRequiredAntiAffinity() {
        cache.addNode(node("a").build());
        cache.addNode(node("b").build());
        assertThat(cache.snapshot().nodesWithRequiredAntiAffinity()).isEmpty();

        cache.assume(pod("p").podAntiAffinity("app", "db", "kubernetes.io/hostname").info(), "b");
        var after = cache.snapshot();

        assertThat(after.nodesWithRequiredAntiAffinity()).extracting(n -> n.name()).containsExactly("b");
        cache.forget("default/p");
        assertThat(cache.snapshot().nodesWithRequiredAntiAffinity()).isEmpty();
    }

    @Test
    void aSnapshotWithoutChangesIsReused() {
        cache.addNode(node("a").build());

        assertThat(cache.snapshot()).isSameAs(cache.snapshot());
    }

    @Test
    void aSnapshotSeesNodesComeAndGo() {
        cache.addNode(node("a").build());
        cache.snapshot();
        cache.addNode(node("b").build());
        assertThat(cache.snapshot().nodes()).extracting(n -> n.name()).containsExactly("a", "b");

        cache.removeNode("a");
        assertThat(cache.snapshot().nodes()).extracting(n -> n.name()).containsExactly("b");
        assertThat(cache.snapshot().get("a")).isNull();
    }

    @Test
    void anAssumedPodNamesItsNodeWithoutChangingTheInformersObject() {
        var pending = pod("p").requesting("cpu", "1").info();

        var assumed = pending.assumedOn("n");

        assertThat(assumed.nodeName()).isEqualTo("n");
        assertThat(assumed.requests()).isEqualTo(pending.requests());
        assertThat(pending.pod().getSpec().getNodeName()).isNull();
    }
}
