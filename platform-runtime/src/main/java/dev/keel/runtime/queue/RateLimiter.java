package dev.keel.runtime.queue;

import java.time.Duration;

/**
 * Decides how long a key waits before it is processed again after a failure. Implementations are thread-safe and
 * compose (see {@link MaxOfRateLimiter}).
 */
public interface RateLimiter<K> {

    /** The delay before {@code key} may be processed again; each call counts as one more failure. */
    Duration when(K key);

    /** Forgets the failures of {@code key}: it succeeded, or it is gone. */
    void forget(K key);

    /** How many failures of {@code key} are counted now. */
    int retries(K key);
}
