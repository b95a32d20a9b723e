package dev.keel.reconciler.endpoints;

import dev.keel.runtime.reconcile.Request;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slices this controller created that the informer cache has not shown yet. Until it has, a pass would see too few
 * slices and create duplicates, so the Service waits (the slices' own events wake it again).
 */
final class CreatedSlices {

    private final Map<Request, Set<String>> pending = new ConcurrentHashMap<>();

    void created(Request service, String sliceName) {
        pending.computeIfAbsent(service, key -> ConcurrentHashMap.newKeySet()).add(sliceName);
    }

    /** Forgets the slices the cache now holds; true when none is still missing. */
    boolean observed(Request service, Collection<String> cachedNames) {
        Set<String> names = pending.get(service);
        if (names == null) {
            return true;
        }
        names.removeAll(cachedNames);
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
