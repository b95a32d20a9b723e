package dev.keel.runtime.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RateLimitersTest {

    @Test
    void backOffDoublesPerFailureUpToTheCap() {
        ExponentialBackoffRateLimiter<String> limiter = new ExponentialBackoffRateLimiter<>(Duration.ofMillis(5), Duration.ofSeconds(1));
        assertThat(limiter.when("a")).isEqualTo(Duration.ofMillis(5));
        assertThat(limiter.when("a")).isEqualTo(Duration.ofMillis(10));
        assertThat(limiter.when("a")).isEqualTo(Duration.ofMillis(20));
        assertThat(limiter.retries("a")).isEqualTo(3);
        for (int i = 0; i < 100; i++) {
            limiter.when("a");
        }
        assertThat(limiter.when("a")).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void keysBackOffIndependentlyAndForgetResets() {
        ExponentialBackoffRateLimiter<String> limiter = new ExponentialBackoffRateLimiter<>(Duration.ofMillis(5), Duration.ofSeconds(1));
        limiter.when("a");
        limiter.when("a");
        assertThat(limiter.when("b")).isEqualTo(Duration.ofMillis(5));
        limiter.forget("a");
        assertThat(limiter.retries("a")).isZero();
        assertThat(limiter.when("a")).isEqualTo(Duration.ofMillis(5));
    }

    @Test
    void backOffRejectsABaseAboveTheCap() {
        assertThatThrownBy(() -> new ExponentialBackoffRateLimiter<String>(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tokenBucketLetsABurstThroughThenSpacesRequests() {
        Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        TokenBucketRateLimiter<String> limiter = new TokenBucketRateLimiter<>(10, 3, clock);
        assertThat(limiter.when("a")).isZero();
        assertThat(limiter.when("b")).isZero();
        assertThat(limiter.when("c")).isZero();
        assertThat(limiter.when("d")).isEqualTo(Duration.ofMillis(100));
        assertThat(limiter.when("e")).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void tokenBucketRefillsWithTime() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        TokenBucketRateLimiter<String> limiter = new TokenBucketRateLimiter<>(10, 1, clock);
        assertThat(limiter.when("a")).isZero();
        clock.advance(Duration.ofMillis(100));
        assertThat(limiter.when("a")).isZero();
    }

    @Test
    void maxOfTakesTheLongestDelay() {
        Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        MaxOfRateLimiter<String> limiter = new MaxOfRateLimiter<>(
                new ExponentialBackoffRateLimiter<>(Duration.ofMillis(5), Duration.ofSeconds(1000)),
                new TokenBucketRateLimiter<>(10, 1, clock));
        assertThat(limiter.when("a")).isEqualTo(Duration.ofMillis(5));
        assertThat(limiter.when("a")).isEqualTo(Duration.ofMillis(100));
        assertThat(limiter.retries("a")).isEqualTo(2);
        limiter.forget("a");
        assertThat(limiter.retries("a")).isZero();
    }
}
