package dev.keel.reconciler.podgc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NodeQuarantineTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private final NodeQuarantine quarantine = new NodeQuarantine(Duration.ofSeconds(40));

    @Test
    void aMissingNodeIsDueOnlyAfterTheWholeQuarantine() {
        assertThat(quarantine.due(Set.of("gone"), START)).isEmpty();
        assertThat(quarantine.nextDue(START.plusSeconds(10))).contains(Duration.ofSeconds(30));
        assertThat(quarantine.due(Set.of("gone"), START.plusSeconds(39))).isEmpty();
        assertThat(quarantine.due(Set.of("gone"), START.plusSeconds(40))).containsExactly("gone");
    }

    @Test
    void aNodeBackInTheCacheStartsAfreshWhenMissingAgain() {
        quarantine.due(Set.of("flaky"), START);
        quarantine.due(Set.of(), START.plusSeconds(20));

        assertThat(quarantine.due(Set.of("flaky"), START.plusSeconds(45))).isEmpty();
        assertThat(quarantine.nextDue(START.plusSeconds(45))).contains(Duration.ofSeconds(40));
    }

    @Test
    void aNodeTheApiServerStillHasIsQuarantinedAgain() {
        quarantine.due(Set.of("lagging"), START);
        quarantine.restart("lagging", START.plusSeconds(40));

        assertThat(quarantine.due(Set.of("lagging"), START.plusSeconds(41))).isEmpty();
        assertThat(quarantine.nextDue(START.plusSeconds(41))).contains(Duration.ofSeconds(39));
    }

    @Test
    void aNodeConfirmedGoneLeavesTheQuarantine() {
        quarantine.due(Set.of("gone"), START);
        quarantine.release("gone");

        assertThat(quarantine.nextDue(START.plusSeconds(40))).isEmpty();
    }
}
