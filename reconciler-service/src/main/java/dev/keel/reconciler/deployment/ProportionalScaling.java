package dev.keel.reconciler.deployment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What Kubernetes does when a Deployment's replicas change while it is paused or in the middle of a rollout: the one
 * active ReplicaSet (or the newest, if none is) takes the whole count; a saturated new set leaves nothing to the old
 * ones; otherwise, with RollingUpdate, the difference to {@code replicas + maxSurge} is spread over the active sets in
 * proportion to their size against the {@code max-replicas} they were last scaled for, leftovers going to the largest.
 */
final class ProportionalScaling {

    /**
     * A ReplicaSet as the plan needs it. {@code desiredBefore} and {@code maxBefore} are its desired-replicas and
     * max-replicas annotations (0 when absent).
     */
    record Sized(String name, int replicas, int available, int desiredBefore, int maxBefore) {
    }

    private ProportionalScaling() {
    }

    /** Whether some active set was last scaled for another replica count than the Deployment's now. */
    static boolean isScalingEvent(int desired, List<Sized> sets) {
        return sets.stream().anyMatch(set -> set.replicas() > 0 && set.desiredBefore() > 0 && set.desiredBefore() != desired);
    }

    /**
     * The sizes to scale to, by set name (unchanged sets left out).
     *
     * @param sets every set, oldest first
     * @param newSet the set running the current template, or null
     * @param statusReplicas the Deployment's status.replicas, the fallback when a set carries no max-replicas
     */
    static Map<String, Integer> plan(int desired, int maxSurge, boolean rollingUpdate, int statusReplicas, List<Sized> sets,
            Sized newSet) {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        List<Sized> active = sets.stream().filter(set -> set.replicas() > 0).toList();
        if (active.size() <= 1) {
            Sized target = !active.isEmpty() ? active.get(0) : newSet != null ? newSet : sets.isEmpty() ? null : sets.get(sets.size() - 1);
            if (target != null && target.replicas() != desired) {
                sizes.put(target.name(), desired);
            }
            return sizes;
        }
        if (newSet != null && newSet.replicas() == desired && newSet.desiredBefore() == desired && newSet.available() == desired) {
            active.stream().filter(set -> set != newSet).forEach(old -> sizes.put(old.name(), 0));
            return sizes;
        }
        if (!rollingUpdate) {
            return sizes;
        }
        int allowed = desired > 0 ? desired + maxSurge : 0;
        int toAdd = allowed - active.stream().mapToInt(Sized::replicas).sum();
        if (toAdd == 0) {
            return sizes;
        }
        // Largest first; among equals, newer first when growing and older first when shrinking.
        Comparator<Sized> byAge = Comparator.comparingInt(sets::indexOf);
        List<Sized> ordered = new ArrayList<>(active);
        ordered.sort(Comparator.comparingInt(Sized::replicas).reversed().thenComparing(toAdd > 0 ? byAge.reversed() : byAge));
        int added = 0;
        Map<String, Integer> planned = new LinkedHashMap<>();
        for (Sized set : ordered) {
            int proportion = proportion(set, desired, maxSurge, statusReplicas, toAdd, added);
            planned.put(set.name(), set.replicas() + proportion);
            added += proportion;
        }
        Sized largest = ordered.get(0);
        planned.put(largest.name(), Math.max(0, planned.get(largest.name()) + toAdd - added));
        for (Sized set : ordered) {
            if (planned.get(set.name()) != set.replicas()) {
                sizes.put(set.name(), planned.get(set.name()));
            }
        }
        return sizes;
    }

    /** This set's share of {@code toAdd}, never beyond what is left of it. */
    private static int proportion(Sized set, int desired, int maxSurge, int statusReplicas, int toAdd, int added) {
        if (set.replicas() == 0 || toAdd == added) {
            return 0;
        }
        int fraction;
        if (desired == 0) {
            fraction = -set.replicas();
        } else {
            int before = set.maxBefore() > 0 ? set.maxBefore() : statusReplicas;
            fraction = before == 0 ? 0 : (int) Math.round((double) set.replicas() * (desired + maxSurge) / before) - set.replicas();
        }
        int allowed = toAdd - added;
        return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
    }
}
