package dev.keel.scheduler.plugins.nodeaffinity;

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

class NodeAffinityTest {

    private final NodeAffinity plugin = new NodeAffinity();

    static Stream<Arguments> filterCases() {
        return Stream.of(
                Arguments.of("nothing asked", pod("p"), node("n"), true),
                Arguments.of("nodeSelector matches", pod("p").nodeSelector("disk", "ssd"), node("n").label("disk", "ssd"), true),
                Arguments.of("nodeSelector differs", pod("p").nodeSelector("disk", "ssd"), node("n").label("disk", "hdd"), false),
                Arguments.of("nodeSelector label missing", pod("p").nodeSelector("disk", "ssd"), node("n"), false),
                Arguments.of("In", pod("p").requiredNodeAffinity("zone", "In", "a", "b"), node("n").label("zone", "b"), true),
                Arguments.of("In misses", pod("p").requiredNodeAffinity("zone", "In", "a"), node("n").label("zone", "c"), false),
                Arguments.of("NotIn", pod("p").requiredNodeAffinity("zone", "NotIn", "a"), node("n").label("zone", "c"), true),
                Arguments.of("NotIn without the label", pod("p").requiredNodeAffinity("zone", "NotIn", "a"), node("n"), true),
                Arguments.of("Exists", pod("p").requiredNodeAffinity("gpu", "Exists"), node("n").label("gpu", ""), true),
                Arguments.of("DoesNotExist", pod("p").requiredNodeAffinity("gpu", "DoesNotExist"), node("n").label("gpu", ""), false),
                Arguments.of("Gt", pod("p").requiredNodeAffinity("cores", "Gt", "8"), node("n").label("cores", "16"), true),
                Arguments.of("Lt", pod("p").requiredNodeAffinity("cores", "Lt", "8"), node("n").label("cores", "16"), false),
                Arguments.of("selector and affinity both needed", pod("p").nodeSelector("disk", "ssd").requiredNodeAffinity("zone", "In", "a"),
                        node("n").label("zone", "a"), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filterCases")
    void filter(String name, PodMaker pod, NodeMaker node, boolean fits) {
        var status = plugin.filter(new CycleState(), pod.info(), node.info());

        assertThat(status.isSuccess()).isEqualTo(fits);
        if (!fits) {
            assertThat(status.reasons()).containsExactly(NodeAffinity.REASON);
        }
    }

    @Test
    void preferredTermsScoreByWeight() {
        var pod = pod("p").preferredNodeAffinity(80, "zone", "a").preferredNodeAffinity(20, "disk", "ssd").info();
        List<NodeInfo> nodes = List.of(node("both").label("zone", "a").label("disk", "ssd").info(),
                node("zone").label("zone", "a").info(), node("disk").label("disk", "ssd").info(), node("none").info());
        long[] scores = nodes.stream().mapToLong(n -> plugin.score(new CycleState(), pod, n)).toArray();
        plugin.normalize(new CycleState(), pod, nodes, scores);

        assertThat(scores).containsExactly(100, 80, 20, 0);
    }
}
