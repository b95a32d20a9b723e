package dev.keel.node.pod;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CrashLoopBackOffTest {

    private final MutableClock clock = new MutableClock();
    private final CrashLoopBackOff backOff = new CrashLoopBackOff(clock);

    @Test
    void firstRetryIsImmediateThenWaitsDoubleEachTimeUpToFiveMinutes() {
        assertThat(backOff.tryRetry("pod/c")).isEmpty();
        Duration[] waits = {Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(40),
            Duration.ofSeconds(80), Duration.ofSeconds(160), Duration.ofMinutes(5), Duration.ofMinutes(5)};
        for (Duration wait : waits) {
            assertThat(backOff.tryRetry("pod/c")).contains(wait);
            clock.advance(wait);
            assertThat(backOff.tryRetry("pod/c")).isEmpty();
        }
    }

    @Test
    void keyQuietForTwiceTheMaximumStartsOver() {
        backOff.tryRetry("pod/c");
        clock.advance(Duration.ofSeconds(10));
        backOff.tryRetry("pod/c");
        clock.advance(Duration.ofMinutes(11));
        assertThat(backOff.tryRetry("pod/c")).isEmpty();
        assertThat(backOff.tryRetry("pod/c")).isEqualTo(Optional.of(Duration.ofSeconds(10)));
    }

    @Test
    void forgetDropsAPodsKeys() {
        backOff.tryRetry("uid-1/c");
        backOff.forget("uid-1");
        assertThat(backOff.tryRetry("uid-1/c")).isEmpty();
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2025-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
