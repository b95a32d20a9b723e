package dev.keel.scheduler.queue;

import java.time.Duration;

/**
 * Exponential back-off per pod: the initial delay, doubled per attempt after the first, never above the maximum.
 */
public record BackoffPolicy(Duration initial, Duration max) {

    public Duration after(int attempts) {
        Duration delay = initial;
        for (int i = 1; i < attempts; i++) {
            delay = delay.multipliedBy(2);
            if (delay.compareTo(max) >= 0) {
                return max;
            }
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
