package dev.keel.scheduler.plugins.nodeports;

import static dev.keel.scheduler.testing.NodeMaker.node;
import static dev.keel.scheduler.testing.PodMaker.pod;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.scheduler.framework.CycleState;
import dev.keel.scheduler.framework.Snapshot;
import dev.keel.scheduler.testing.NodeMaker;
import dev.keel.scheduler.testing.PodMaker;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NodePortsTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("free port", pod("p").hostPort(80, "TCP", ""), node("n").with(pod("o").hostPort(81, "TCP", "").build()), true),
                Arguments.of("same port and protocol", pod("p").hostPort(80, "TCP", ""), node("n").with(pod("o").hostPort(80, "TCP", "").build()), false),
                Arguments.of("other protocol", pod("p").hostPort(53, "UDP", ""), node("n").with(pod("o").hostPort(53, "TCP", "").build()), true),
                Arguments.of("distinct addresses", pod("p").hostPort(80, "TCP", "127.0.0.1"), node("n").with(pod("o").hostPort(80, "TCP", "127.0.0.2").build()), true),
                Arguments.of("wildcard against an address", pod("p").hostPort(80, "TCP", "0.0.0.0"), node("n").with(pod("o").hostPort(80, "TCP", "127.0.0.2").build()), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void filter(String name, PodMaker pod, NodeMaker node, boolean fits) {
        NodePorts plugin = new NodePorts();
        CycleState state = new CycleState();
        var info = pod.info();
        plugin.preFilter(state, info, new Snapshot(List.of()));

        var status = plugin.filter(state, info, node.info());

        assertThat(status.isSuccess()).isEqualTo(fits);
        if (!fits) {
            assertThat(status.reasons()).containsExactly(NodePorts.REASON);
        }
    }
}
