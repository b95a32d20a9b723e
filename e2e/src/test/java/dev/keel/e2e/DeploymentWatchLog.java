package dev.keel.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * What a client's watch on Deployments delivered, whichever client it was: each event's type and the Deployment's
 * name and available replicas. Scenarios wait on it, so "became available" is seen through the watch, not a poll.
 */
final class DeploymentWatchLog {

    /** One watch event: ADDED, MODIFIED, DELETED (or ERROR, BOOKMARK), and what the object said. */
    record Seen(String type, String name, int availableReplicas) {
    }

    private final List<Seen> events = new ArrayList<>();

    synchronized void record(String type, String name, Integer availableReplicas) {
        Seen seen = new Seen(type, name, availableReplicas == null ? 0 : availableReplicas);
        events.add(seen);
        System.out.println("[e2e] watch: " + seen);
    }

    synchronized List<Seen> events() {
        return List.copyOf(events);
    }

    /** Waits until the watch delivered an event matching {@code what}. */
    Seen await(Duration limit, String description, Predicate<Seen> what) {
        return Poll.until(limit, "the watch delivers " + description + " (so far: " + summary() + ")",
                () -> events().stream().filter(what).findFirst().orElse(null));
    }

    /** Waits until the watch saw Deployment {@code name} with {@code replicas} available. */
    Seen awaitAvailable(Duration limit, String name, int replicas) {
        return await(limit, name + " with " + replicas + " available",
                seen -> seen.name().equals(name) && !seen.type().equals("DELETED") && seen.availableReplicas() == replicas);
    }

    /** The event types seen for {@code name}, in order, each change of type once (ADDED, MODIFIED, DELETED). */
    List<String> typesOf(String name) {
        List<String> types = new ArrayList<>();
        for (Seen seen : events()) {
            if (seen.name().equals(name) && (types.isEmpty() || !types.get(types.size() - 1).equals(seen.type()))) {
                types.add(seen.type());
            }
        }
        return types;
    }

    private String summary() {
        List<Seen> all = events();
        return all.size() + " events" + (all.isEmpty() ? "" : ", last " + all.get(all.size() - 1));
    }
}
