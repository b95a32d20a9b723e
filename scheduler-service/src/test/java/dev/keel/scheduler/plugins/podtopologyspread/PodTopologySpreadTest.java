package dev.keel.scheduler.plugins.podtopologyspread;

import static dev.keel.scheduler.testing.NodeMaker.node;
import static dev.keel.scheduler.testing.PodMaker.pod;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.scheduler.framework.CycleState;
import dev.keel.scheduler.framework.NodeInfo;
import dev.keel.scheduler.framework.Snapshot;
import dev.keel.scheduler.testing.PodMaker;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PodTopologySpreadTest {

    private static final String ZONE = "zone";

    /** Zone a holds two "web" pods, zone b one, zone c none; "nozone" has no zone label. */
    private static Snapshot cluster() {
        return new Snapshot(List.of(
                node("a1").label(ZONE, "a").with(web("w1")).with(web("w2")).info(),
                node("b1").label(ZONE, "b").with(web("w3")).info(),
                node("c1").label(ZONE, "c").label("disk", "ssd").info(),
                node("nozone").info()));
    }

    private static io.fabric8.kubernetes.api.model.Pod web(String name) {
        return pod(name).label("app", "web").build();
    }

    static Stream<Arguments> filterCases() {
        return Stream.of(
                Arguments.of("maxSkew 1: only the empty zone", pod("p").label("app", "web").spread(1, ZONE, "DoNotSchedule", "app", "web"), List.of("c1")),
                Arguments.of("maxSkew 2: the two emptier zones", pod("p").label("app", "web").spread(2, ZONE, "DoNotSchedule", "app", "web"), List.of("b1", "c1")),
                Arguments.of("maxSkew 3: every zone", pod("p").label("app", "web").spread(3, ZONE, "DoNotSchedule", "app", "web"), List.of("a1", "b1", "c1")),
                Arguments.of("a pod not matching its own selector adds nothing", pod("p").spread(1, ZONE, "DoNotSchedule", "app", "web"), List.of("b1", "c1")),
                Arguments.of("ScheduleAnyway never filters", pod("p").label("app", "web").spread(1, ZONE, "ScheduleAnyway", "app", "web"),
                        List.of("a1", "b1", "c1", "nozone")),
                Arguments.of("node affinity narrows the domains", pod("p").label("app", "web").nodeSelector("disk", "ssd")
                        .spread(1, ZONE, "DoNotSchedule", "app", "web"), List.of("a1", "b1", "c1")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filterCases")
    void filter(String name, PodMaker pod, List<String> fitting) {
        PodTopologySpread plugin = new PodTopologySpread();
        Snapshot snapshot = cluster();
        CycleState state = new CycleState();
        var info = pod.info();
        var pre = plugin.preFilter(state, info, snapshot);
        if (pre.isSkip()) {
            state.skipFilter(plugin.name());
        }

        List<String> fits = snapshot.nodes().stream()
                .filter(n -> state.isFilterSkipped(plugin.name()) || plugin.filter(state, info, n).isSuccess())
                .map(NodeInfo::name).toList();

        assertThat(fits).containsExactlyElementsOf(fitting);
    }

    @Test
    void missingTopologyLabelIsUnresolvable() {
        PodTopologySpread plugin = new PodTopologySpread();
        Snapshot snapshot = cluster();
        CycleState state = new CycleState();
        var pod = pod("p").label("app", "web").spread(1, ZONE, "DoNotSchedule", "app", "web").info();
        plugin.preFilter(state, pod, snapshot);

        assertThat(plugin.filter(state, pod, snapshot.get("nozone")).reasons()).containsExactly(PodTopologySpread.MISSING_LABEL_REASON);
        assertThat(plugin.filter(state, pod, snapshot.get("a1")).reasons()).containsExactly(PodTopologySpread.REASON);
    }

    @Test
    void scheduleAnywayScoresEmptierZonesHigher() {
        PodTopologySpread plugin = new PodTopologySpread();
        Snapshot snapshot = cluster();
        CycleState state = new CycleState();
        var pod = pod("p").label("app", "web").spread(1, ZONE, "ScheduleAnyway", "app", "web").info();
        plugin.preScore(state, pod, snapshot.nodes(), snapshot);
        long[] scores = snapshot.nodes().stream().mapToLong(n -> plugin.score(state, pod, n)).toArray();
        plugin.normalize(state, pod, snapshot.nodes(), scores);

        assertThat(scores[2]).isEqualTo(100);
        assertThat(scores[1]).isBetween(1L, 99L);
        assertThat(scores[0]).isZero();
        assertThat(scores[3]).isZero();
    }
}
