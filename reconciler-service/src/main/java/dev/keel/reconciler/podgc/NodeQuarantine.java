package dev.keel.reconciler.podgc;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Nodes that pods are bound to but the cache does not hold, and since when. Only once a node has been missing for
 * the quarantine is the API server asked whether it is really gone: a node registered a moment ago may not be cached
 * yet, and its pods must not be taken for orphans.
 */
final class NodeQuarantine {

    private final Duration quarantine;
    private final Map<String, Instant> missingSince = new ConcurrentHashMap<>();

    NodeQuarantine(Duration quarantine) {
        this.quarantine = quarantine;
    }

    /**
     * Records which nodes are missing now (a node back in the cache leaves the quarantine) and answers those missing
     * for the whole quarantine, to be checked with the API server.
     */
    Set<String> due(Set<String> missing, Instant now) {
        missingSince.keySet().retainAll(missing);
        Set<String> due = new TreeSet<>();
        for (String node : missing) {
            Instant since = missingSince.computeIfAbsent(node, name -> now);
            if (!since.plus(quarantine).isAfter(now)) {
                due.add(node);
            }
        }
        return due;
    }

    /** Starts the quarantine of a node again: the API server still has it, the cache just lags. */
    void restart(String node, Instant now) {
        missingSince.put(node, now);
    }

    /** Ends the quarantine of a node the API server confirmed gone; should pods still name it, it starts again. */
    void release(String node) {
        missingSince.remove(node);
    }

    /** How long until the next node in quarantine is due, if any. */
    Optional<Duration> nextDue(Instant now) {
        return missingSince.values().stream().map(since -> since.plus(quarantine)).min(Instant::compareTo)
                .map(at -> at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
    }
}
