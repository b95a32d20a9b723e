package dev.keel.scheduler.plugins.interpodaffinity;

import static dev.keel.scheduler.testing.NodeMaker.node;
import static dev.keel.scheduler.testing.PodMaker.pod;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.scheduler.framework.CycleState;
import dev.keel.scheduler.framework.NodeInfo;
import dev.keel.scheduler.framework.Snapshot;
import dev.keel.scheduler.framework.Status;
import dev.keel.scheduler.testing.PodMaker;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class InterPodAffinityTest {

    private static final String ZONE = "topology.kubernetes.io/zone";

    /** Zone a: a1 runs a "db" pod; a2 is empty. Zone b: b1 runs a "web" pod with anti-affinity to "batch" pods per node. */
    private static Snapshot cluster() {
        return new Snapshot(List.of(
                node("a1").label(ZONE, "a").with(pod("db").label("app", "db").build()).info(),
                node("a2").label(ZONE, "a").info(),
                node("b1").label(ZONE, "b").with(pod("web").label("app", "web").podAntiAffinity("app", "batch", "kubernetes.io/hostname").build()).info(),
                node("nozone").info()));
    }

    static Stream<Arguments> filterCases() {
        return Stream.of(
                Arguments.of("no terms fits anywhere", pod("p"), List.of("a1", "a2", "b1", "nozone")),
                Arguments.of("affinity to db by zone", pod("p").podAffinity("app", "db", ZONE), List.of("a1", "a2")),
                Arguments.of("affinity to db by host", pod("p").podAffinity("app", "db", "kubernetes.io/hostname"), List.of("a1")),
                Arguments.of("anti-affinity to db by zone", pod("p").podAntiAffinity("app", "db", ZONE), List.of("b1", "nozone")),
                Arguments.of("existing pod's anti-affinity keeps batch off b1", pod("p").label("app", "batch"), List.of("a1", "a2", "nozone")),
                Arguments.of("first of its group fits where the key exists", pod("p").label("app", "cache").podAffinity("app", "cache", ZONE),
                        List.of("a1", "a2", "b1")),
                Arguments.of("affinity to nothing that exists", pod("p").podAffinity("app", "ghost", ZONE), List.of()),
                Arguments.of("other namespace does not match", pod("p").namespace("other").podAffinity("app", "db", ZONE), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filterCases")
    void filter(String name, PodMaker pod, List<String> fitting) {
        InterPodAffinity plugin = new InterPodAffinity();
        Snapshot snapshot = cluster();
        CycleState state = new CycleState();
        var info = pod.info();
        assertThat(plugin.preFilter(state, info, snapshot).isSuccess()).isTrue();

        List<String> fits = snapshot.nodes().stream().filter(n -> plugin.filter(state, info, n).isSuccess()).map(NodeInfo::name).toList();

        assertThat(fits).containsExactlyElementsOf(fitting);
    }

    @Test
    void reasonsSayWhichRuleFailed() {
        InterPodAffinity plugin = new InterPodAffinity();
        Snapshot snapshot = cluster();
        CycleState state = new CycleState();
        var batch = pod("p").label("app", "batch").podAntiAffinity("app", "db", ZONE).podAffinity("app", "db", "kubernetes.io/hostname").info();
        plugin.preFilter(state, batch, snapshot);

        assertThat(plugin.filter(state, batch, snapshot.get("b1")).reasons()).containsExactly(InterPodAffinity.EXISTING_ANTI_AFFINITY_REASON);
        assertThat(plugin.filter(state, batch, snapshot.get("a1")).reasons()).containsExactly(InterPodAffinity.ANTI_AFFINITY_REASON);
        assertThat(plugin.filter(state, batch, snapshot.get("nozone")).reasons()).containsExactly(InterPodAffinity.AFFINITY_REASON);
    }

    @Test
    void removingAPodInAWhatIfLiftsItsAntiAffinity() {
        InterPodAffinity plugin = new InterPodAffinity();
        Snapshot snapshot = cluster();
        CycleState state = new CycleState();
        var batch = pod("p").label("app", "batch").info();
        plugin.preFilter(state, batch, snapshot);
        NodeInfo b1 = snapshot.get("b1");

        CycleState whatIf = state.copy();
        plugin.removePod(whatIf, batch, b1.pods().get(0), b1);

        assertThat(plugin.filter(whatIf, batch, b1.withoutPod(b1.pods().get(0).key())).isSuccess()).isTrue();
        assertThat(plugin.filter(state, batch, b1)).extracting(Status::isSuccess).isEqualTo(false);
    }

    @Test
    void preferredAffinityScoresTheZoneWithMatches() {
        InterPodAffinity plugin = new InterPodAffinity();
        Snapshot snapshot = cluster();
        CycleState state = new CycleState();
        var pod = pod("p").preferredPodAffinity(50, "app", "db", ZONE).info();
        assertThat(plugin.preScore(state, pod, snapshot.nodes(), snapshot).isSuccess()).isTrue();
        long[] scores = snapshot.nodes().stream().mapToLong(n -> plugin.score(state, pod, n)).toArray();
        plugin.normalize(state, pod, snapshot.nodes(), scores);

        assertThat(scores).containsExactly(100, 100, 0, 0);
    }
}
