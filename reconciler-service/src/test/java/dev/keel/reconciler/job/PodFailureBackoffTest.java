package dev.keel.reconciler.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodFailureBackoffTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private final PodFailureBackoff backoff = new PodFailureBackoff(Duration.ofSeconds(10), Duration.ofSeconds(60));

    @Test
    void noFailureNoWait() {
        assertThat(backoff.remaining(List.of(finished("Succeeded", T0), running()), T0)).isEmpty();
    }

    @Test
    void theFirstFailureWaitsTheBaseFromWhenItFailed() {
        assertThat(backoff.remaining(List.of(finished("Failed", T0)), T0.plusSeconds(4))).contains(Duration.ofSeconds(6));
        assertThat(backoff.remaining(List.of(finished("Failed", T0)), T0.plusSeconds(10))).isEmpty();
    }

    @Test
    void theWaitDoublesPerFailureSinceTheLastSuccessUpToTheMax() {
        List<Pod> three = List.of(finished("Failed", T0), finished("Failed", T0.plusSeconds(1)), finished("Failed", T0.plusSeconds(2)));
        assertThat(backoff.remaining(three, T0.plusSeconds(2))).contains(Duration.ofSeconds(40));
        List<Pod> afterSuccess = List.of(finished("Failed", T0), finished("Succeeded", T0.plusSeconds(1)), finished("Failed", T0.plusSeconds(2)));
        assertThat(backoff.remaining(afterSuccess, T0.plusSeconds(2))).contains(Duration.ofSeconds(10));
        assertThat(backoff.delay(10)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void aPodDeletedWhileRunningFailedWhenTheDeleteCameNotAtTheEndOfItsGracePeriod() {
        Pod deleted = new PodBuilder(running()).editMetadata()
                .withDeletionTimestamp(T0.plusSeconds(30).toString()).withDeletionGracePeriodSeconds(30L).endMetadata().build();
        assertThat(backoff.remaining(List.of(deleted), T0.plusSeconds(1))).contains(Duration.ofSeconds(9));
    }

    private static Pod running() {
        return new PodBuilder().withNewMetadata().withName("running").withCreationTimestamp(T0.minusSeconds(60).toString()).endMetadata()
                .withNewStatus().withPhase("Running").endStatus().build();
    }

    private static Pod finished(String phase, Instant at) {
        return new PodBuilder().withNewMetadata().withName(phase + at).withCreationTimestamp(T0.minusSeconds(60).toString()).endMetadata()
                .withNewStatus().withPhase(phase)
                    .addNewContainerStatus().withName("main").withNewState().withNewTerminated()
                        .withExitCode("Succeeded".equals(phase) ? 0 : 1).withFinishedAt(at.toString()).endTerminated().endState()
                    .endContainerStatus()
                .endStatus().build();
    }
}
