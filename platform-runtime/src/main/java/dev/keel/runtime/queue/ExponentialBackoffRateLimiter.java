package dev.keel.runtime.queue;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Per-key exponential back-off: {@code base * 2^failures}, capped at {@code max}. */
public final class ExponentialBackoffRateLimiter<K> implements RateLimiter<K> {

    private final Duration base;
    private final Duration max;
    private final ConcurrentMap<K, Integer> failures = new ConcurrentHashMap<>();

    public ExponentialBackoffRateLimiter(Duration base, Duration max) {
        if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
            throw new IllegalArgumentException("need 0 < base <= max, got base " + base + ", max " + max);
        }
        this.base = base;
        this.max = max;
    }

    @Override
    public Duration when(K key) {
        int exponent = failures.merge(key, 1, Integer::sum) - 1;
        // Past 62 doublings any base overflows; the cap applies long before that.
        if (exponent >= 62) {
            return max;
        }
        double nanos = base.toNanos() * Math.pow(2, exponent);
        return nanos >= max.toNanos() ? max : Duration.ofNanos((long) nanos);
    }

    @Override
    public void forget(K key) {
        failures.remove(key);
    }

    @Override
    public int retries(K key) {
        return failures.getOrDefault(key, 0);
    }
}
