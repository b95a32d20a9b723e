package dev.keel.reconciler.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class JobDecisionsTest {

    private static final Instant START = Instant.parse("2026-01-01T10:00:00Z");

    @Test
    void runsParallelismPodsButNeverMoreThanTheCompletionsLeft() {
        assertThat(JobDecisions.wantActive(2, 5, 0, false)).isEqualTo(2);
        assertThat(JobDecisions.wantActive(2, 5, 4, false)).isEqualTo(1);
        assertThat(JobDecisions.wantActive(2, 5, 5, false)).isZero();
        assertThat(JobDecisions.wantActive(2, 5, 0, true)).isZero();
    }

    @Test
    void aWorkQueueJobRunsUntilOnePodSucceeded() {
        assertThat(JobDecisions.wantActive(3, null, 0, false)).isEqualTo(3);
        assertThat(JobDecisions.wantActive(3, null, 1, false)).isZero();
    }

    @Test
    void completesWhenEnoughPodsSucceeded() {
        assertThat(outcome(3, 0, 0, 3, 6)).contains(JobOutcome.complete());
        assertThat(outcome(2, 0, 1, 3, 6)).isEmpty();
    }

    @Test
    void failsOnceMoreThanBackoffLimitPodsFailed() {
        assertThat(outcome(0, 2, 1, 1, 2)).isEmpty();
        assertThat(outcome(0, 3, 0, 1, 2)).contains(JobOutcome.backoffLimitExceeded());
    }

    @Test
    void restartsCountTowardTheBackoffLimitWithRestartPolicyOnFailure() {
        assertThat(JobDecisions.outcome(0, 0, 1, 1, 2, true, 1, START, null, START)).isEmpty();
        assertThat(JobDecisions.outcome(0, 0, 1, 1, 2, true, 2, START, null, START)).contains(JobOutcome.backoffLimitExceeded());
        assertThat(JobDecisions.outcome(0, 0, 1, 1, 0, true, 1, START, null, START)).contains(JobOutcome.backoffLimitExceeded());
        assertThat(JobDecisions.outcome(0, 0, 1, 1, 2, false, 5, START, null, START)).isEmpty();
    }

    @Test
    void failsAtTheActiveDeadline() {
        assertThat(JobDecisions.outcome(0, 0, 1, 1, 6, false, 0, START, 30L, START.plusSeconds(29))).isEmpty();
        assertThat(JobDecisions.outcome(0, 0, 1, 1, 6, false, 0, START, 30L, START.plusSeconds(30)))
                .contains(JobOutcome.deadlineExceeded());
    }

    private static java.util.Optional<JobOutcome> outcome(int succeeded, int failed, int active, Integer completions, int backoffLimit) {
        return JobDecisions.outcome(succeeded, failed, active, completions, backoffLimit, false, 0, START, null, START);
    }
}
