package dev.keel.reconciler.deployment;

import java.util.ArrayList;
import java.util.List;

/**
 * The arithmetic of a rolling update, apart from any I/O: how far the new ReplicaSet may grow, and how much the old
 * ones may shrink, so that at no moment more than {@code replicas + maxSurge} pods exist nor fewer than
 * {@code replicas - maxUnavailable} are available.
 */
final class RollingUpdatePlan {

    /** A ReplicaSet's numbers as the plan needs them. */
    record Set(String name, int specReplicas, int availableReplicas) {
    }

    private RollingUpdatePlan() {
    }

    /** The new ReplicaSet's replicas for this step. */
    static int newReplicas(int desired, RolloutLimits limits, Set newSet, List<Set> allSets) {
        if (newSet.specReplicas() > desired) {
            return desired;
        }
        if (newSet.specReplicas() == desired) {
            return desired;
        }
        int current = allSets.stream().mapToInt(Set::specReplicas).sum();
        int allowed = desired + limits.maxSurge();
        if (current >= allowed) {
            return newSet.specReplicas();
        }
        int scaleUp = Math.min(allowed - current, desired - newSet.specReplicas());
        return newSet.specReplicas() + scaleUp;
    }

    /**
     * The old ReplicaSets' replicas for this step, oldest first in {@code oldSets}: unavailable old pods go first
     * (they count against nobody's availability), then available ones as far as availability allows.
     */
    static List<Set> scaleDownOld(int desired, RolloutLimits limits, Set newSet, List<Set> oldSets) {
        List<Set> result = new ArrayList<>(oldSets);
        int oldPods = oldSets.stream().mapToInt(Set::specReplicas).sum();
        if (oldPods == 0) {
            return result;
        }
        int allPods = oldPods + (newSet == null ? 0 : newSet.specReplicas());
        int minAvailable = desired - limits.maxUnavailable();
        int newUnavailable = newSet == null ? 0 : Math.max(0, newSet.specReplicas() - newSet.availableReplicas());
        int maxScaledDown = allPods - minAvailable - newUnavailable;
        if (maxScaledDown <= 0) {
            return result;
        }
        // Unhealthy old pods first: removing them costs no availability.
        int budget = maxScaledDown;
        for (int i = 0; i < result.size() && budget > 0; i++) {
            Set set = result.get(i);
            int unhealthy = Math.max(0, set.specReplicas() - set.availableReplicas());
            int cut = Math.min(unhealthy, budget);
            if (cut > 0) {
                result.set(i, new Set(set.name(), set.specReplicas() - cut, set.availableReplicas()));
                budget -= cut;
            }
        }
        // Then available ones, keeping minAvailable.
        int available = result.stream().mapToInt(set -> Math.min(set.availableReplicas(), set.specReplicas())).sum()
                + (newSet == null ? 0 : newSet.availableReplicas());
        int canRemove = available - minAvailable;
        for (int i = 0; i < result.size() && canRemove > 0; i++) {
            Set set = result.get(i);
            int cut = Math.min(set.specReplicas(), canRemove);
            if (cut > 0) {
                result.set(i, new Set(set.name(), set.specReplicas() - cut, Math.max(0, set.availableReplicas() - cut)));
                canRemove -= cut;
            }
        }
        return result;
    }
}
