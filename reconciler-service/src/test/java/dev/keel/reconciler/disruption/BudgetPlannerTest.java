package dev.keel.reconciler.disruption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BudgetPlannerTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    /** Two ReplicaSets ("rs-a", "rs-b") of one Deployment of 4, and a StatefulSet "sts" of 3. */
    private final ScaleFinder scales = (controller, namespace) -> switch (controller.getUid()) {
        case "rs-a", "rs-b" -> Optional.of(new ControllerScale("deploy", 4));
        case "sts" -> Optional.of(new ControllerScale("sts", 3));
        default -> Optional.empty();
    };
    private final BudgetPlanner planner = new BudgetPlanner(scales, TIMEOUT);

    @Test
    void anIntegerMinAvailableCountsTheSelectedPods() {
        BudgetPlan plan = planner.plan(budget(new IntOrString(2), null), List.of(ready("a", "rs-a"), ready("b", "rs-a"),
                ready("c", "rs-a"), notReady("d", "rs-a")), NOW);

        assertThat(plan.expectedPods()).isEqualTo(4);
        assertThat(plan.desiredHealthy()).isEqualTo(2);
        assertThat(plan.currentHealthy()).isEqualTo(3);
        assertThat(plan.disruptionsAllowed()).isEqualTo(1);
    }

    @Test
    void aPercentageResolvesAgainstTheDeploymentBehindBothReplicaSetsRoundedUp() {
        BudgetPlan plan = planner.plan(budget(new IntOrString("50%"), null), List.of(ready("a", "rs-a"), ready("b", "rs-b"),
                ready("c", "sts")), NOW);

        // 4 (the Deployment, counted once) + 3 (the StatefulSet); half of 7 rounded up.
        assertThat(plan.expectedPods()).isEqualTo(7);
        assertThat(plan.desiredHealthy()).isEqualTo(4);
        assertThat(plan.disruptionsAllowed()).isZero();
    }

    @Test
    void maxUnavailableLeavesTheRestDesired() {
        BudgetPlan plan = planner.plan(budget(null, new IntOrString("25%")), List.of(ready("a", "rs-a"), ready("b", "rs-a"),
                ready("c", "rs-a"), ready("d", "rs-a")), NOW);

        assertThat(plan.expectedPods()).isEqualTo(4);
        assertThat(plan.desiredHealthy()).isEqualTo(3);
        assertThat(plan.disruptionsAllowed()).isEqualTo(1);
    }

    @Test
    void nothingExpectedAllowsNothing() {
        BudgetPlan plan = planner.plan(budget(new IntOrString(0), null), List.of(), NOW);

        assertThat(plan.expectedPods()).isZero();
        assertThat(plan.disruptionsAllowed()).isZero();
    }

    @Test
    void aPodAnEvictionRecordedIsNotHealthyUntilItsDeletionIsOverdue() {
        PodDisruptionBudget budget = budget(new IntOrString(1), null);
        budget.getStatus().setDisruptedPods(Map.of("a", NOW.minusSeconds(30).toString(), "b", NOW.minus(TIMEOUT).minusSeconds(1).toString()));

        BudgetPlan plan = planner.plan(budget, List.of(ready("a", "rs-a"), ready("b", "rs-a"), ready("c", "rs-a")), NOW);

        assertThat(plan.currentHealthy()).isEqualTo(2);
        assertThat(plan.disruptedPods()).containsOnlyKeys("a");
        assertThat(plan.overdueDisruptions()).containsExactly("b");
        assertThat(plan.recheckAt()).contains(NOW.minusSeconds(30).plus(TIMEOUT));
    }

    @Test
    void terminatingPodsAreNotHealthy() {
        Pod going = new PodBuilder(ready("a", "rs-a")).editMetadata().withDeletionTimestamp(NOW.toString()).endMetadata().build();

        BudgetPlan plan = planner.plan(budget(new IntOrString(1), null), List.of(going, ready("b", "rs-a")), NOW);

        assertThat(plan.currentHealthy()).isEqualTo(1);
        assertThat(plan.disruptionsAllowed()).isZero();
    }

    @Test
    void aPodWhoseControllerIsGoneMakesTheCountUnknown() {
        assertThatThrownBy(() -> planner.plan(budget(new IntOrString("50%"), null), List.of(ready("a", "gone")), NOW))
                .isInstanceOf(ExpectedCountException.class).hasMessage("found no controllers for pod \"a\"");
    }

    @Test
    void unmanagedPodsAreReportedAndLeftOutOfAPercentage() {
        BudgetPlan plan = planner.plan(budget(null, new IntOrString(1)), List.of(ready("a", null), ready("b", "sts")), NOW);

        assertThat(plan.unmanagedPods()).containsExactly("a");
        assertThat(plan.expectedPods()).isEqualTo(3);
        assertThat(plan.desiredHealthy()).isEqualTo(2);
    }

    private static PodDisruptionBudget budget(IntOrString minAvailable, IntOrString maxUnavailable) {
        return new PodDisruptionBudgetBuilder().withNewMetadata().withName("web").withNamespace("ns").withGeneration(1L).endMetadata()
                .withNewSpec().withMinAvailable(minAvailable).withMaxUnavailable(maxUnavailable)
                .withNewSelector().withMatchLabels(Map.of("app", "web")).endSelector().endSpec()
                .withNewStatus().endStatus()
                .build();
    }

    private static Pod ready(String name, String controllerUid) {
        return pod(name, controllerUid, "True");
    }

    private static Pod notReady(String name, String controllerUid) {
        return pod(name, controllerUid, "False");
    }

    private static Pod pod(String name, String controllerUid, String ready) {
        PodBuilder pod = new PodBuilder().withNewMetadata().withName(name).withNamespace("ns")
                .withLabels(Map.of("app", "web")).endMetadata()
                .withNewStatus().withPhase("Running").addNewCondition().withType("Ready").withStatus(ready).endCondition().endStatus();
        if (controllerUid != null) {
            List<io.fabric8.kubernetes.api.model.OwnerReference> owners = new ArrayList<>();
            owners.add(new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("ReplicaSet").withName(controllerUid)
                    .withUid(controllerUid).withController(true).build());
            pod.editMetadata().withOwnerReferences(owners).endMetadata();
        }
        return pod.build();
    }
}
