package dev.keel.reconciler.disruption;

import dev.keel.reconciler.workload.Pods;
import dev.keel.runtime.objects.Owners;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Kubernetes' disruption controller arithmetic, without a cluster. The expected pods are the selected pods when
 * minAvailable is a number, otherwise the summed scale of the controllers owning them (a Deployment for its
 * ReplicaSets); a percentage is rounded up. Healthy pods are the ready ones that are not being deleted and that no
 * recent eviction recorded in {@code disruptedPods}; disruptions allowed are healthy minus desired, never below zero
 * and zero while nothing is expected.
 */
public final class BudgetPlanner {

    private final ScaleFinder scales;
    private final Duration deletionTimeout;

    public BudgetPlanner(ScaleFinder scales, Duration deletionTimeout) {
        this.scales = scales;
        this.deletionTimeout = deletionTimeout;
    }

    /** The status {@code budget} should have with {@code pods} (the pods it selects) at {@code now}. */
    public BudgetPlan plan(PodDisruptionBudget budget, List<Pod> pods, Instant now) {
        PodDisruptionBudgetSpec spec = budget.getSpec() == null ? new PodDisruptionBudgetSpec() : budget.getSpec();
        int expected = 0;
        int desired = 0;
        List<String> unmanaged = List.of();
        if (spec.getMaxUnavailable() != null) {
            Expected scale = expectedScale(pods);
            expected = scale.count();
            unmanaged = scale.unmanaged();
            desired = Math.max(0, expected - scaled(spec.getMaxUnavailable(), expected));
        } else if (spec.getMinAvailable() != null) {
            if (spec.getMinAvailable().getStrVal() == null) {
                desired = spec.getMinAvailable().getIntVal() == null ? 0 : spec.getMinAvailable().getIntVal();
                expected = pods.size();
            } else {
                Expected scale = expectedScale(pods);
                expected = scale.count();
                unmanaged = scale.unmanaged();
                desired = scaled(spec.getMinAvailable(), expected);
            }
        }
        Map<String, String> recorded = budget.getStatus() == null || budget.getStatus().getDisruptedPods() == null
                ? Map.of() : budget.getStatus().getDisruptedPods();
        Map<String, String> disrupted = new TreeMap<>();
        List<String> overdue = new ArrayList<>();
        Instant recheck = null;
        for (Pod pod : pods) {
            String since = recorded.get(pod.getMetadata().getName());
            if (pod.getMetadata().getDeletionTimestamp() != null || since == null) {
                continue;
            }
            Instant deadline = parse(since).plus(deletionTimeout);
            if (deadline.isBefore(now)) {
                overdue.add(pod.getMetadata().getName());
            } else {
                disrupted.put(pod.getMetadata().getName(), since);
                recheck = recheck == null || deadline.isBefore(recheck) ? deadline : recheck;
            }
        }
        int healthy = 0;
        for (Pod pod : pods) {
            if (pod.getMetadata().getDeletionTimestamp() == null && !disrupted.containsKey(pod.getMetadata().getName())
                    && Pods.isReady(pod)) {
                healthy++;
            }
        }
        int allowed = expected <= 0 ? 0 : Math.max(0, healthy - desired);
        return new BudgetPlan(healthy, desired, expected, allowed, disrupted, Optional.ofNullable(recheck), unmanaged, overdue);
    }

    private record Expected(int count, List<String> unmanaged) {
    }

    /** Sum of the scales of the controllers of {@code pods}, each controller once (a Deployment for all its ReplicaSets). */
    private Expected expectedScale(List<Pod> pods) {
        Map<String, ControllerScale> byReference = new HashMap<>();
        Map<String, Integer> counted = new LinkedHashMap<>();
        List<String> unmanaged = new ArrayList<>();
        for (Pod pod : pods) {
            Optional<OwnerReference> controller = Owners.controllerOf(pod);
            if (controller.isEmpty()) {
                unmanaged.add(pod.getMetadata().getName());
                continue;
            }
            ControllerScale scale = byReference.computeIfAbsent(controller.get().getUid(),
                    uid -> scales.find(controller.get(), pod.getMetadata().getNamespace()).orElseThrow(() ->
                            new ExpectedCountException("found no controllers for pod \"" + pod.getMetadata().getName() + "\"")));
            counted.putIfAbsent(scale.uid(), scale.scale());
        }
        return new Expected(counted.values().stream().mapToInt(Integer::intValue).sum(), unmanaged);
    }

    /** An integer as is, a percentage of {@code total} rounded up (Kubernetes' GetScaledValueFromIntOrPercent). */
    static int scaled(IntOrString value, int total) {
        if (value.getStrVal() == null) {
            return value.getIntVal() == null ? 0 : value.getIntVal();
        }
        String text = value.getStrVal();
        if (!text.endsWith("%")) {
            throw new ExpectedCountException("invalid value for IntOrString: invalid type: string is not a percentage");
        }
        try {
            int percent = Integer.parseInt(text.substring(0, text.length() - 1));
            return (int) Math.ceil(percent * (double) total / 100);
        } catch (NumberFormatException e) {
            throw new ExpectedCountException("invalid value \"" + text + "\": " + e.getMessage());
        }
    }

    private static Instant parse(String time) {
        try {
            return Instant.parse(time);
        } catch (RuntimeException e) {
            return Instant.EPOCH;
        }
    }
}
