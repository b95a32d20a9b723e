package dev.keel.reconciler.disruption;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a PodDisruptionBudget's status should say now.
 *
 * @param disruptedPods       the evictions still expected to delete their pod (pod name to the eviction's time)
 * @param recheckAt           when the earliest of those expectations runs out, so the budget is looked at again
 * @param unmanagedPods       selected pods no controller owns (they cannot count towards a percentage)
 * @param overdueDisruptions  pods an eviction recorded that were not deleted in time
 */
public record BudgetPlan(int currentHealthy, int desiredHealthy, int expectedPods, int disruptionsAllowed,
        Map<String, String> disruptedPods, Optional<Instant> recheckAt, List<String> unmanagedPods,
        List<String> overdueDisruptions) {
}
