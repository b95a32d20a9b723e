package dev.keel.node.pod;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kubernetes' restart back-off per key (pod uid and container, or an image): the first retry is immediate, each
 * further one waits twice as long as the last (10 s up to 5 min), and a key quiet for twice the maximum starts over.
 */
public class CrashLoopBackOff {

    static final Duration INITIAL = Duration.ofSeconds(10);
    static final Duration MAXIMUM = Duration.ofMinutes(5);

    private final Clock clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    private record Entry(Duration delay, Instant last) {
    }

    public CrashLoopBackOff(Clock clock) {
        this.clock = clock;
    }

    /** Empty when a retry may happen now (and records it); otherwise how long until it may. */
    public Optional<Duration> tryRetry(String key) {
        Instant now = clock.instant();
        Entry entry = entries.get(key);
        if (entry == null || now.isAfter(entry.last().plus(MAXIMUM.multipliedBy(2)))) {
            entries.put(key, new Entry(INITIAL, now));
            return Optional.empty();
        }
        Instant allowed = entry.last().plus(entry.delay());
        if (now.isBefore(allowed)) {
            return Optional.of(Duration.between(now, allowed));
        }
        Duration doubled = entry.delay().multipliedBy(2);
        entries.put(key, new Entry(doubled.compareTo(MAXIMUM) > 0 ? MAXIMUM : doubled, now));
        return Optional.empty();
    }

    /** Forgets every key starting with {@code prefix} (a pod's keys once it is gone). */
    public void forget(String prefix) {
        entries.keySet().removeIf(key -> key.startsWith(prefix));
    }
}
