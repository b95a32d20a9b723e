package dev.keel.scheduler.plugins.tainttoleration;

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

class TaintTolerationTest {

    private final TaintToleration plugin = new TaintToleration();

    static Stream<Arguments> filterCases() {
        return Stream.of(
                Arguments.of("no taints", pod("p"), node("n"), null),
                Arguments.of("untolerated NoSchedule", pod("p"), node("n").taint("dedicated", "gpu", "NoSchedule"),
                        "node(s) had untolerated taint {dedicated: gpu}"),
                Arguments.of("untolerated NoExecute", pod("p"), node("n").taint("k", "v", "NoExecute"),
                        "node(s) had untolerated taint {k: v}"),
                Arguments.of("PreferNoSchedule never filters", pod("p"), node("n").taint("k", "v", "PreferNoSchedule"), null),
                Arguments.of("Equal toleration", pod("p").toleration("k", "Equal", "v", "NoSchedule"), node("n").taint("k", "v", "NoSchedule"), null),
                Arguments.of("Equal with another value", pod("p").toleration("k", "Equal", "w", "NoSchedule"), node("n").taint("k", "v", "NoSchedule"),
                        "node(s) had untolerated taint {k: v}"),
                Arguments.of("Exists ignores the value", pod("p").toleration("k", "Exists", null, "NoSchedule"), node("n").taint("k", "v", "NoSchedule"), null),
                Arguments.of("empty effect matches all", pod("p").toleration("k", "Exists", null, null), node("n").taint("k", "v", "NoExecute"), null),
                Arguments.of("other effect does not", pod("p").toleration("k", "Exists", null, "NoSchedule"), node("n").taint("k", "v", "NoExecute"),
                        "node(s) had untolerated taint {k: v}"),
                Arguments.of("empty key Exists tolerates everything", pod("p").toleration(null, "Exists", null, null),
                        node("n").taint("a", "1", "NoSchedule").taint("b", "2", "NoExecute"), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filterCases")
    void filter(String name, PodMaker pod, NodeMaker node, String reason) {
        var status = plugin.filter(new CycleState(), pod.info(), node.info());

        if (reason == null) {
            assertThat(status.isSuccess()).isTrue();
        } else {
            assertThat(status.reasons()).containsExactly(reason);
        }
    }

    @Test
    void fewerUntoleratedPreferNoScheduleTaintsScoreHigher() {
        var pod = pod("p").toleration("ok", "Exists", null, "PreferNoSchedule").info();
        List<NodeInfo> nodes = List.of(node("clean").info(), node("one").taint("a", "", "PreferNoSchedule").info(),
                node("two").taint("a", "", "PreferNoSchedule").taint("b", "", "PreferNoSchedule").info(),
                node("tolerated").taint("ok", "", "PreferNoSchedule").info());
        long[] scores = nodes.stream().mapToLong(n -> plugin.score(new CycleState(), pod, n)).toArray();
        plugin.normalize(new CycleState(), pod, nodes, scores);

        assertThat(scores).containsExactly(100, 50, 0, 100);
    }
}
