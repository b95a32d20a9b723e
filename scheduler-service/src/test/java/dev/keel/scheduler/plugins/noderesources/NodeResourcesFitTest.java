package dev.keel.scheduler.plugins.noderesources;

import static dev.keel.scheduler.testing.NodeMaker.node;
import static dev.keel.scheduler.testing.PodMaker.pod;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.scheduler.framework.CycleState;
import dev.keel.scheduler.framework.NodeInfo;
import dev.keel.scheduler.testing.NodeMaker;
import dev.keel.scheduler.testing.PodMaker;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NodeResourcesFitTest {

    private final NodeResourcesFit least = new NodeResourcesFit(ScoringStrategy.LeastAllocated);
    private final NodeResourcesFit most = new NodeResourcesFit(ScoringStrategy.MostAllocated);

    static Stream<Arguments> filterCases() {
        return Stream.of(
                Arguments.of("fits an empty node", pod("p").requesting("cpu", "1", "memory", "1Gi"), node("n"), List.of()),
                Arguments.of("too much cpu", pod("p").requesting("cpu", "5"), node("n"), List.of("Insufficient cpu")),
                Arguments.of("too much memory", pod("p").requesting("memory", "9Gi"), node("n"), List.of("Insufficient memory")),
                Arguments.of("both", pod("p").requesting("cpu", "5", "memory", "9Gi"), node("n"), List.of("Insufficient cpu", "Insufficient memory")),
                Arguments.of("used capacity counts", pod("p").requesting("cpu", "2"),
                        node("n").with(pod("old").requesting("cpu", "3").build()), List.of("Insufficient cpu")),
                Arguments.of("exactly full fits", pod("p").requesting("cpu", "1"),
                        node("n").with(pod("old").requesting("cpu", "3").build()), List.of()),
                Arguments.of("pod count", pod("p"), node("n").allocatable("cpu", "4", "memory", "8Gi", "pods", "1")
                        .with(pod("old").build()), List.of("Too many pods")),
                Arguments.of("extended resource missing", pod("p").requesting("nvidia.com/gpu", "1"), node("n"), List.of("Insufficient nvidia.com/gpu")),
                Arguments.of("extended resource present", pod("p").requesting("nvidia.com/gpu", "1"),
                        node("n").allocatable("cpu", "4", "memory", "8Gi", "pods", "110", "nvidia.com/gpu", "2"), List.of()),
                Arguments.of("init container larger than the node", pod("p").requesting("cpu", "100m").initRequesting("cpu", "6"), node("n"), List.of("Insufficient cpu")),
                Arguments.of("overhead tips it over", pod("p").requesting("cpu", "4").overhead("cpu", "100m"), node("n"), List.of("Insufficient cpu")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filterCases")
    void filter(String name, PodMaker pod, NodeMaker node, List<String> reasons) {
        var status = least.filter(new CycleState(), pod.info(), node.info());

        assertThat(status.reasons()).containsExactlyElementsOf(reasons);
        assertThat(status.isSuccess()).isEqualTo(reasons.isEmpty());
    }

    @Test
    void leastAllocatedPrefersTheEmptierNode() {
        NodeInfo empty = node("empty").info();
        NodeInfo busy = node("busy").with(pod("old").requesting("cpu", "3", "memory", "6Gi").build()).info();
        var pod = pod("p").requesting("cpu", "500m", "memory", "1Gi").info();

        assertThat(least.score(new CycleState(), pod, empty)).isGreaterThan(least.score(new CycleState(), pod, busy));
    }

    @Test
    void mostAllocatedPrefersTheFullerNode() {
        NodeInfo empty = node("empty").info();
        NodeInfo busy = node("busy").with(pod("old").requesting("cpu", "3", "memory", "6Gi").build()).info();
        var pod = pod("p").requesting("cpu", "500m", "memory", "1Gi").info();

        assertThat(most.score(new CycleState(), pod, busy)).isGreaterThan(most.score(new CycleState(), pod, empty));
    }

    @Test
    void podsWithoutRequestsAreScoredWithTheDefaults() {
        // 100m and 200 MiB per container: a pod without requests still makes its node look fuller.
        NodeInfo empty = node("empty").allocatable("cpu", "2", "memory", "4Gi", "pods", "110").info();
        NodeInfo busy = node("busy").allocatable("cpu", "2", "memory", "4Gi", "pods", "110")
                .with(pod("old1").build()).with(pod("old2").build()).info();
        var pod = pod("p").info();

        assertThat(least.score(new CycleState(), pod, empty)).isEqualTo((1900 * 100 / 2000 + (4096 - 200) * 100 / 4096) / 2);
        assertThat(least.score(new CycleState(), pod, busy)).isEqualTo((1700 * 100 / 2000 + (4096 - 600) * 100 / 4096) / 2);
        assertThat(most.score(new CycleState(), pod, busy)).isGreaterThan(most.score(new CycleState(), pod, empty));
    }

    @Test
    void scoresStayInRange() {
        var pod = pod("p").requesting("cpu", "8", "memory", "16Gi").info();
        for (NodeResourcesFit plugin : List.of(least, most)) {
            assertThat(plugin.score(new CycleState(), pod, node("n").info())).isBetween(0L, 100L);
        }
    }
}
