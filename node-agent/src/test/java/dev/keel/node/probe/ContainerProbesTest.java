package dev.keel.node.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How a container's three probes combine: startup gates the others, readiness and liveness make its health. */
class ContainerProbesTest {

    private static final Instant STARTED = Instant.parse("2026-01-01T00:00:00Z");
    private static final Pod POD = new PodBuilder().withNewMetadata().withName("p").withNamespace("d").withUid("u")
        .endMetadata().build();

    private static Probe probe(int failureThreshold) {
        return new ProbeBuilder().withNewExec().withCommand("check").endExec().withPeriodSeconds(1)
            .withFailureThreshold(failureThreshold).build();
    }

    private static ContainerProbes probes(Container container) {
        return new ContainerProbes(POD, container, "c1", "10.0.0.2", STARTED);
    }

    @Test
    void startupGatesLivenessAndReadinessUntilItPasses() {
        ContainerProbes probes = probes(new ContainerBuilder().withName("main").withStartupProbe(probe(3))
            .withLivenessProbe(probe(1)).withReadinessProbe(probe(1)).build());
        assertThat(probes.health()).isEqualTo(new ContainerHealth(false, false, null));
        ProbeState due = probes.due(STARTED);
        assertThat(due.kind()).isEqualTo(ProbeKind.STARTUP);
        probes.record(due, ProbeOutcome.failed("not yet"), STARTED);
        // Only the startup probe is due while it has not passed.
        assertThat(probes.due(STARTED.plusSeconds(1)).kind()).isEqualTo(ProbeKind.STARTUP);

        probes.record(probes.due(STARTED.plusSeconds(1)), ProbeOutcome.passed(), STARTED.plusSeconds(1));
        assertThat(probes.health()).isEqualTo(new ContainerHealth(true, false, null));
        assertThat(probes.due(STARTED.plusSeconds(2)).kind()).isIn(ProbeKind.LIVENESS, ProbeKind.READINESS);
    }

    @Test
    void startupThatFailsForGoodKillsTheContainer() {
        ContainerProbes probes = probes(new ContainerBuilder().withName("main").withStartupProbe(probe(1))
            .withLivenessProbe(probe(1)).build());
        probes.record(probes.due(STARTED), ProbeOutcome.failed("no"), STARTED);
        assertThat(probes.health()).isEqualTo(new ContainerHealth(false, false, "startup"));
        assertThat(probes.nextRun()).isNull();
    }

    @Test
    void readinessAloneDecidesReadyAndLivenessFailureAsksForAKill() {
        ContainerProbes probes = probes(new ContainerBuilder().withName("main").withLivenessProbe(probe(1))
            .withReadinessProbe(probe(1)).build());
        assertThat(probes.health()).isEqualTo(new ContainerHealth(true, false, null));
        ProbeState liveness = probes.due(STARTED);
        assertThat(liveness.kind()).isEqualTo(ProbeKind.LIVENESS);
        probes.record(liveness, ProbeOutcome.passed(), STARTED);
        ProbeState readiness = probes.due(STARTED);
        assertThat(readiness.kind()).isEqualTo(ProbeKind.READINESS);
        probes.record(readiness, ProbeOutcome.passed(), STARTED);
        assertThat(probes.health()).isEqualTo(new ContainerHealth(true, true, null));

        probes.record(probes.due(STARTED.plusSeconds(1)), ProbeOutcome.failed("dead"), STARTED.plusSeconds(1));
        assertThat(probes.health().killReason()).isEqualTo("liveness");
    }

    @Test
    void aContainerWithoutProbesHasNone() {
        assertThat(probes(new ContainerBuilder().withName("main").build()).hasProbes()).isFalse();
    }
}
