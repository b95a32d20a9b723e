package dev.keel.scheduler.plugins.nodeunschedulable;

import static dev.keel.scheduler.testing.NodeMaker.node;
import static dev.keel.scheduler.testing.PodMaker.pod;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.scheduler.framework.CycleState;
import dev.keel.scheduler.testing.NodeMaker;
import dev.keel.scheduler.testing.PodMaker;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NodeUnschedulableTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("schedulable node", pod("p"), node("n"), true),
                Arguments.of("cordoned node", pod("p"), node("n").unschedulable(), false),
                Arguments.of("cordoned node, tolerated", pod("p").toleration("node.kubernetes.io/unschedulable", "Exists", null, "NoSchedule"),
                        node("n").unschedulable(), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void filter(String name, PodMaker pod, NodeMaker node, boolean fits) {
        var status = new NodeUnschedulable().filter(new CycleState(), pod.info(), node.info());

        assertThat(status.isSuccess()).isEqualTo(fits);
    }
}
