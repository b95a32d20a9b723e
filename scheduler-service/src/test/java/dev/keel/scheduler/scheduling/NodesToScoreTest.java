package dev.keel.scheduler.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NodesToScoreTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("small clusters: every node", 50, 0, 50),
                Arguments.of("at 100 nodes the adaptive 50% would go under 100: 100", 100, 0, 100),
                Arguments.of("500 nodes: 46%", 500, 0, 230),
                Arguments.of("1,000 nodes: 42%", 1_000, 0, 420),
                Arguments.of("5,000 nodes: 10%", 5_000, 0, 500),
                Arguments.of("10,000 nodes: never under 5%", 10_000, 0, 500),
                Arguments.of("a configured percentage", 5_000, 20, 1_000),
                Arguments.of("a configured percentage is still at least 100 nodes", 500, 1, 100),
                Arguments.of("100% scores every node", 5_000, 100, 5_000));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void asKubeSchedulerDecides(String name, int nodes, int percentage, int expected) {
        assertThat(NodesToScore.of(nodes, percentage)).isEqualTo(expected);
    }
}
