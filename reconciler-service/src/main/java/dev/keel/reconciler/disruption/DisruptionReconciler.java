package dev.keel.reconciler.disruption;

import dev.keel.runtime.controller.Informers;
import dev.keel.runtime.events.EventRecorder;
import dev.keel.runtime.objects.LabelSelectors;
import dev.keel.runtime.reconcile.Reconciler;
import dev.keel.runtime.reconcile.Request;
import dev.keel.runtime.reconcile.Result;
import dev.keel.reconciler.workload.PodTemplates;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetStatus;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each PodDisruptionBudget's status current, as Kubernetes' disruption controller: currentHealthy,
 * desiredHealthy, expectedPods, disruptionsAllowed, the evictions still expected (disruptedPods), observedGeneration
 * and the DisruptionAllowed condition. When the expected count cannot be known the budget fails safe: no disruption
 * allowed, condition SyncFailed, and the key is retried with back-off.
 */
public class DisruptionReconciler implements Reconciler {

    private static final Logger log = LoggerFactory.getLogger(DisruptionReconciler.class);

    private final KubernetesClient client;
    private final Informers informers;
    private final BudgetPlanner planner;
    private final EventRecorder events;
    private final Clock clock;

    public DisruptionReconciler(KubernetesClient client, Informers informers, BudgetPlanner planner, EventRecorder events,
            Clock clock) {
        this.client = client;
        this.informers = informers;
        this.planner = planner;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public Result reconcile(Request request) {
        Optional<PodDisruptionBudget> cached = informers.get(PodDisruptionBudget.class, request.namespace(), request.name());
        if (cached.isEmpty() || cached.get().getMetadata().getDeletionTimestamp() != null) {
            return Result.done();
        }
        PodDisruptionBudget budget = cached.get();
        List<Pod> pods = selected(budget);
        Instant now = clock.instant();
        BudgetPlan plan;
        try {
            plan = planner.plan(budget, pods, now);
        } catch (ExpectedCountException e) {
            events.warning(budget, "CalculateExpectedPodCountFailed", "Failed to calculate the number of expected pods: "
                    + e.getMessage());
            failSafe(budget, e.getMessage(), now);
            throw e;
        }
        if (!plan.unmanagedPods().isEmpty()) {
            events.warning(budget, "UnmanagedPods", "Pods selected by this PodDisruptionBudget (selector: "
                    + budget.getSpec().getSelector() + ") were found to be unmanaged. As a result, the status of the PDB cannot"
                    + " be calculated correctly, which may result in undefined behavior. To account for these pods please set"
                    + " \".spec.minAvailable\" field of the PDB to an integer value.");
        }
        for (String overdue : plan.overdueDisruptions()) {
            pods.stream().filter(pod -> pod.getMetadata().getName().equals(overdue)).findFirst().ifPresent(pod ->
                    events.warning(pod, "NotDeleted", "Pod was expected by PDB " + budget.getMetadata().getNamespace() + "/"
                            + budget.getMetadata().getName() + " to be deleted but it wasn't"));
        }
        boolean written = write(budget, plan, now);
        if (written && pods.isEmpty()) {
            events.normal(budget, "NoPods", "No matching pods found");
        }
        return plan.recheckAt().map(at -> Result.requeueAfter(max(Duration.between(now, at), Duration.ofMillis(100))))
                .orElse(Result.done());
    }

    /** The pods of the budget's namespace its selector matches: a missing selector none, an empty one all. */
    private List<Pod> selected(PodDisruptionBudget budget) {
        return informers.list(Pod.class, budget.getMetadata().getNamespace()).stream()
                .filter(pod -> LabelSelectors.matches(budget.getSpec() == null ? null : budget.getSpec().getSelector(),
                        pod.getMetadata().getLabels()))
                .toList();
    }

    private boolean write(PodDisruptionBudget budget, BudgetPlan plan, Instant now) {
        long generation = Objects.requireNonNullElse(budget.getMetadata().getGeneration(), 0L);
        PodDisruptionBudgetStatus current = budget.getStatus() == null ? new PodDisruptionBudgetStatus() : budget.getStatus();
        Map<String, String> currentDisrupted = current.getDisruptedPods() == null ? Map.of() : current.getDisruptedPods();
        if (Objects.equals(current.getCurrentHealthy(), plan.currentHealthy())
                && Objects.equals(current.getDesiredHealthy(), plan.desiredHealthy())
                && Objects.equals(current.getExpectedPods(), plan.expectedPods())
                && Objects.equals(current.getDisruptionsAllowed(), plan.disruptionsAllowed())
                && currentDisrupted.equals(plan.disruptedPods())
                && Objects.equals(current.getObservedGeneration(), generation)
                && DisruptionAllowedCondition.upToDate(current.getConditions(), plan.disruptionsAllowed(), generation)) {
            return false;
        }
        List<Condition> conditions = DisruptionAllowedCondition.forAllowed(current.getConditions(), plan.disruptionsAllowed(),
                generation, now);
        PodDisruptionBudgetStatus status = new PodDisruptionBudgetStatusBuilder()
                .withCurrentHealthy(plan.currentHealthy())
                .withDesiredHealthy(plan.desiredHealthy())
                .withExpectedPods(plan.expectedPods())
                .withDisruptionsAllowed(plan.disruptionsAllowed())
                .withDisruptedPods(plan.disruptedPods().isEmpty() ? null : plan.disruptedPods())
                .withObservedGeneration(generation)
                .withConditions(conditions)
                .build();
        updateStatus(budget, status);
        log.debug("PodDisruptionBudget {}/{}: {} healthy of {} desired, {} expected, {} disruptions allowed",
                budget.getMetadata().getNamespace(), budget.getMetadata().getName(), plan.currentHealthy(),
                plan.desiredHealthy(), plan.expectedPods(), plan.disruptionsAllowed());
        return true;
    }

    /** No disruption while the budget cannot be computed (Kubernetes' failSafe). */
    private void failSafe(PodDisruptionBudget budget, String message, Instant now) {
        PodDisruptionBudgetStatus current = budget.getStatus() == null ? new PodDisruptionBudgetStatus() : budget.getStatus();
        long observed = Objects.requireNonNullElse(current.getObservedGeneration(), 0L);
        PodDisruptionBudgetStatus status = PodTemplates.copy(current);
        status.setDisruptionsAllowed(0);
        status.setConditions(DisruptionAllowedCondition.syncFailed(current.getConditions(), message, observed, now));
        if (!status.equals(current)) {
            updateStatus(budget, status);
        }
    }

    /** A status write guarded by the cached resourceVersion: a conflict retries the key on a fresher cache. */
    private void updateStatus(PodDisruptionBudget budget, PodDisruptionBudgetStatus status) {
        PodDisruptionBudget updated = PodTemplates.copy(budget);
        updated.setStatus(status);
        client.policy().v1().podDisruptionBudget().inNamespace(budget.getMetadata().getNamespace()).resource(updated).updateStatus();
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
