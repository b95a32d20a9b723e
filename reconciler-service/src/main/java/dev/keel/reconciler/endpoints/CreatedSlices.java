package dev.keel.reconciler.endpoints;

import dev.keel.runtime.reconcile.Request;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slices this controller created that the informer cache has not shown yet. Until it has, a pass would see too few
 * slices and create duplicates, so the Service waits (the slices' own events wake it again). A slice deleted before
 * the cache ever showed it is given up on after {@link #PATIENCE}.
 */
final class CreatedSlices {

    static final Duration PATIENCE = Duration.ofSeconds(30);

    private final Clock clock;
    private final Map<Request, Map<String, Instant>> pending = new ConcurrentHashMap<>();

    CreatedSlices(Clock clock) {
        this.clock = clock;
    }

    void created(Request service, String sliceName) {
        pending.computeIfAbsent(service, key -> new ConcurrentHashMap<>()).put(sliceName, clock.instant());
    }

    /** Forgets the slices the cache now holds (or that took too long); true when none is still missing. */
    boolean observed(Request service, Collection<String> cachedNames) {
        Map<String, Instant> names = pending.get(service);
        if (names == null) {
            return true;
        }
        Instant giveUp = clock.instant().minus(PATIENCE);
        names.keySet().removeAll(cachedNames);
        names.values().removeIf(createdAt -> createdAt.isBefore(giveUp));
        if (names.isEmpty()) {
            pending.remove(service, names);
            return true;
        }
        return false;
    }

    void forget(Request service) {
        pending.remove(service);
    }
}
