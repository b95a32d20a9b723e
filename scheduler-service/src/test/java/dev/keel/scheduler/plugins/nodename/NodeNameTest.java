package dev.keel.scheduler.plugins.nodename;

import static dev.keel.scheduler.testing.NodeMaker.node;
import static dev.keel.scheduler.testing.PodMaker.pod;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.scheduler.framework.CycleState;
import dev.keel.scheduler.testing.PodMaker;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NodeNameTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("no node named", pod("p"), true),
                Arguments.of("this node named", pod("p").nodeName("n1"), true),
                Arguments.of("another node named", pod("p").nodeName("n2"), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void filter(String name, PodMaker pod, boolean fits) {
        var status = new NodeName().filter(new CycleState(), pod.info(), node("n1").info());

        assertThat(status.isSuccess()).isEqualTo(fits);
    }
}
