package dev.keel.runtime.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.runtime.reconcile.Request;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExpectationsTest {

    private final SettableClock clock = new SettableClock();
    private final Expectations expectations = new Expectations(clock, Duration.ofMinutes(5));
    private final Request key = new Request("ns", "web");

    @Test
    void aKeyWithNothingPendingIsSatisfied() {
        assertThat(expectations.satisfied(key)).isTrue();
    }

    @Test
    void creationsMustAllBeObserved() {
        expectations.expectCreations(key, 2);
        expectations.creationObserved(key);
        assertThat(expectations.satisfied(key)).isFalse();
        expectations.creationObserved(key);
        assertThat(expectations.satisfied(key)).isTrue();
    }

    @Test
    void deletionsAreTrackedByUidSoARepeatedEventCountsOnce() {
        expectations.expectDeletions(key, List.of("a", "b"));
        expectations.deletionObserved(key, "a");
        expectations.deletionObserved(key, "a");
        assertThat(expectations.satisfied(key)).isFalse();
        expectations.deletionObserved(key, "b");
        assertThat(expectations.satisfied(key)).isTrue();
    }

    @Test
    void expectationsLapseAfterTheTimeout() {
        expectations.expectCreations(key, 1);
        clock.now = clock.now.plus(Duration.ofMinutes(5));
        assertThat(expectations.satisfied(key)).isTrue();
    }

    @Test
    void forgetDropsWhatWasExpected() {
        expectations.expectCreations(key, 3);
        expectations.forget(key);
        assertThat(expectations.satisfied(key)).isTrue();
    }

    private static final class SettableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
