package dev.keel.runtime.controller;

import dev.keel.runtime.reconcile.Request;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a controller is still waiting to see in its caches after it created or deleted objects. Until the creations
 * and deletions it asked for have shown up, its cache is behind its own actions, and counting from it would create or
 * delete twice; a controller only acts on a key whose expectations are {@link #satisfied}. Expectations lapse after a
 * timeout, so a lost watch event cannot stall a controller for ever.
 */
public final class Expectations {

    /** Kubernetes' controllers wait this long for their own writes to show up. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    private final Clock clock;
    private final Duration timeout;
    private final Map<Request, Pending> pending = new ConcurrentHashMap<>();

    private static final class Pending {
        private int creations;
        private final Set<String> deletions = new HashSet<>();
        private final Instant since;

        private Pending(Instant since) {
            this.since = since;
        }
    }

    public Expectations(Clock clock, Duration timeout) {
        this.clock = clock;
        this.timeout = timeout;
    }

    /** Records that {@code count} creations for {@code key} are about to be sent. */
    public void expectCreations(Request key, int count) {
        Pending entry = new Pending(clock.instant());
        entry.creations = count;
        pending.put(key, entry);
    }

    /** Records that the objects with {@code uids} are about to be deleted for {@code key}. */
    public void expectDeletions(Request key, Collection<String> uids) {
        Pending entry = new Pending(clock.instant());
        entry.deletions.addAll(uids);
        pending.put(key, entry);
    }

    /** An object created for {@code key} appeared in the cache (or its creation failed). */
    public void creationObserved(Request key) {
        Pending entry = pending.get(key);
        if (entry != null) {
            synchronized (entry) {
                entry.creations--;
            }
        }
    }

    /** The object with {@code uid} is terminating or gone (or its deletion failed). */
    public void deletionObserved(Request key, String uid) {
        Pending entry = pending.get(key);
        if (entry != null) {
            synchronized (entry) {
                entry.deletions.remove(uid);
            }
        }
    }

    /** Whether the cache has caught up with everything asked for {@code key}, or the wait has lapsed. */
    public boolean satisfied(Request key) {
        Pending entry = pending.get(key);
        if (entry == null) {
            return true;
        }
        synchronized (entry) {
            if (entry.creations <= 0 && entry.deletions.isEmpty()) {
                return true;
            }
        }
        return Duration.between(entry.since, clock.instant()).compareTo(timeout) >= 0;
    }

    /** Drops what was expected for {@code key}, e.g. when the owner is gone. */
    public void forget(Request key) {
        pending.remove(key);
    }
}
