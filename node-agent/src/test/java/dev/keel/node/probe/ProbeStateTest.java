package dev.keel.node.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The probe worker's counting, with the time given by hand. */
class ProbeStateTest {

    private static final Instant STARTED = Instant.parse("2026-01-01T00:00:00Z");

    private static Probe probe(int initialDelay, int period, int successThreshold, int failureThreshold) {
        return new ProbeBuilder().withNewExec().withCommand("true").endExec()
            .withInitialDelaySeconds(initialDelay).withPeriodSeconds(period).withTimeoutSeconds(1)
            .withSuccessThreshold(successThreshold).withFailureThreshold(failureThreshold).build();
    }

    /** Runs outcomes ('+' pass, '-' fail) one period apart from the first due time; answers the results after each. */
    private static String results(ProbeState state, String outcomes, Duration period) {
        StringBuilder results = new StringBuilder();
        Instant now = state.nextRun();
        for (char outcome : outcomes.toCharArray()) {
            assertThat(state.due(now)).isTrue();
            state.record(outcome == '+' ? ProbeOutcome.passed() : ProbeOutcome.failed("no"), now);
            results.append(state.success() ? '+' : '-');
            now = now.plus(period);
            if (state.nextRun() == null) {
                break;
            }
        }
        return results.toString();
    }

    static Stream<Arguments> cases() {
        return Stream.of(
            // kind, successThreshold, failureThreshold, outcomes, results after each run
            Arguments.of(ProbeKind.LIVENESS, 1, 3, "--+---", "+++++-"),
            Arguments.of(ProbeKind.LIVENESS, 1, 1, "+-+", "+-"),
            Arguments.of(ProbeKind.READINESS, 1, 3, "+---+", "+++-+"),
            Arguments.of(ProbeKind.READINESS, 2, 1, "+-++-", "---+-"),
            Arguments.of(ProbeKind.STARTUP, 1, 3, "--+", "--+"),
            Arguments.of(ProbeKind.STARTUP, 1, 2, "--+", "--"));
    }

    @ParameterizedTest(name = "{0} success {1} failure {2}: {3} gives {4}")
    @MethodSource("cases")
    void countsConsecutiveOutcomesAgainstTheThresholds(ProbeKind kind, int successThreshold, int failureThreshold,
        String outcomes, String expected) {
        ProbeState state = new ProbeState(kind, probe(0, 10, successThreshold, failureThreshold), STARTED);
        assertThat(results(state, outcomes, Duration.ofSeconds(10))).isEqualTo(expected);
    }

    @Test
    void livenessThatFailedForGoodHoldsUntilTheContainerIsReplaced() {
        ProbeState state = new ProbeState(ProbeKind.LIVENESS, probe(0, 5, 1, 2), STARTED);
        assertThat(state.record(ProbeOutcome.failed("no"), STARTED)).isFalse();
        assertThat(state.record(ProbeOutcome.failed("no"), STARTED.plusSeconds(5))).isTrue();
        assertThat(state.failedForGood()).isTrue();
        assertThat(state.nextRun()).isNull();
        assertThat(state.due(STARTED.plusSeconds(60))).isFalse();
    }

    @Test
    void readinessThatFailsKeepsProbing() {
        ProbeState state = new ProbeState(ProbeKind.READINESS, probe(0, 5, 1, 1), STARTED);
        state.record(ProbeOutcome.failed("no"), STARTED);
        assertThat(state.failedForGood()).isFalse();
        assertThat(state.nextRun()).isEqualTo(STARTED.plusSeconds(5));
    }

    @Test
    void startupThatPassedStopsProbing() {
        ProbeState state = new ProbeState(ProbeKind.STARTUP, probe(0, 5, 1, 3), STARTED);
        assertThat(state.success()).isFalse();
        assertThat(state.record(ProbeOutcome.passed(), STARTED)).isTrue();
        assertThat(state.success()).isTrue();
        assertThat(state.failedForGood()).isFalse();
        assertThat(state.nextRun()).isNull();
    }

    @Test
    void initialDelayKeepsTheInitialResultAndDelaysTheFirstRun() {
        ProbeState liveness = new ProbeState(ProbeKind.LIVENESS, probe(15, 5, 1, 1), STARTED);
        assertThat(liveness.due(STARTED.plusSeconds(14))).isFalse();
        assertThat(liveness.due(STARTED.plusSeconds(15))).isTrue();
        assertThat(liveness.success()).isTrue();
        // A run that ends before the delay is over (a late worker with an early clock) does not count.
        assertThat(liveness.record(ProbeOutcome.failed("no"), STARTED.plusSeconds(3))).isFalse();
        assertThat(liveness.success()).isTrue();

        ProbeState readiness = new ProbeState(ProbeKind.READINESS, probe(15, 5, 1, 3), STARTED);
        assertThat(readiness.success()).isFalse();
        assertThat(readiness.nextRun()).isEqualTo(STARTED.plusSeconds(15));
    }

    @Test
    void kubernetesDefaultsApplyWhenFieldsAreUnset() {
        Probe bare = new ProbeBuilder().withNewTcpSocket().withNewPort(80).endTcpSocket().build();
        ProbeState state = new ProbeState(ProbeKind.LIVENESS, bare, STARTED);
        assertThat(state.timeout()).isEqualTo(Duration.ofSeconds(1));
        state.record(ProbeOutcome.failed("no"), STARTED);
        assertThat(state.nextRun()).isEqualTo(STARTED.plusSeconds(10));
        state.record(ProbeOutcome.failed("no"), STARTED.plusSeconds(10));
        assertThat(state.success()).isTrue();
        state.record(ProbeOutcome.failed("no"), STARTED.plusSeconds(20));
        assertThat(state.success()).isFalse();
    }
}
