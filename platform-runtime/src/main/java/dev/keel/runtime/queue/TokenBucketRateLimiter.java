package dev.keel.runtime.queue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * An overall token bucket shared by every key: {@code qps} tokens a second, at most {@code burst} saved. A key that
 * finds the bucket empty waits for its reserved token, so a storm of failures cannot flood the API server.
 */
public final class TokenBucketRateLimiter<K> implements RateLimiter<K> {

    private final double qps;
    private final int burst;
    private final Clock clock;
    private double tokens;
    private long lastNanos;

    public TokenBucketRateLimiter(double qps, int burst, Clock clock) {
        if (qps <= 0 || burst < 1) {
            throw new IllegalArgumentException("need qps > 0 and burst >= 1, got " + qps + ", " + burst);
        }
        this.qps = qps;
        this.burst = burst;
        this.clock = clock;
        this.tokens = burst;
        this.lastNanos = nanos();
    }

    @Override
    public synchronized Duration when(K key) {
        long now = nanos();
        tokens = Math.min(burst, tokens + (now - lastNanos) / 1e9 * qps);
        lastNanos = now;
        tokens -= 1;
        if (tokens >= 0) {
            return Duration.ZERO;
        }
        return Duration.ofNanos((long) (-tokens / qps * 1e9));
    }

    @Override
    public void forget(K key) {
    }

    @Override
    public int retries(K key) {
        return 0;
    }

    private long nanos() {
        return Duration.between(Instant.EPOCH, clock.instant()).toNanos();
    }
}
