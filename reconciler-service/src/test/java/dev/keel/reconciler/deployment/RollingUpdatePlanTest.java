package dev.keel.reconciler.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.reconciler.deployment.RollingUpdatePlan.Set;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RollingUpdatePlanTest {

    @ParameterizedTest(name = "{0} replicas, surge {1}, unavailable {2} -> {3}/{4}")
    @CsvSource({
            "10, 25%, 25%, 3, 2",
            "4, 25%, 25%, 1, 1",
            "1, 25%, 25%, 1, 0",
            "3, 0, 0, 0, 1",
            "10, 2, 30%, 2, 3",
            "5, 100%, 0, 5, 0",
    })
    void limitsResolveLikeKubernetes(int replicas, String surge, String unavailable, int expectedSurge, int expectedUnavailable) {
        RolloutLimits limits = RolloutLimits.of(rolling(replicas, surge, unavailable));
        assertThat(limits).isEqualTo(new RolloutLimits(expectedSurge, expectedUnavailable));
    }

    @Test
    void theNewSetGrowsUpToTheSurge() {
        RolloutLimits limits = new RolloutLimits(2, 1);
        Set fresh = new Set("new", 0, 0);
        assertThat(RollingUpdatePlan.newReplicas(10, limits, fresh, List.of(new Set("old", 10, 10), fresh))).isEqualTo(2);
    }

    @Test
    void theNewSetWaitsWhileTheSurgeIsUsedUp() {
        RolloutLimits limits = new RolloutLimits(2, 1);
        Set growing = new Set("new", 2, 0);
        assertThat(RollingUpdatePlan.newReplicas(10, limits, growing, List.of(new Set("old", 10, 10), growing))).isEqualTo(2);
    }

    @Test
    void theNewSetNeverExceedsTheDesiredReplicas() {
        RolloutLimits limits = new RolloutLimits(5, 0);
        Set growing = new Set("new", 2, 2);
        assertThat(RollingUpdatePlan.newReplicas(3, limits, growing, List.of(growing))).isEqualTo(3);
        assertThat(RollingUpdatePlan.newReplicas(3, limits, new Set("new", 7, 7), List.of())).isEqualTo(3);
    }

    @Test
    void oldSetsShrinkOnlyAsFarAsAvailabilityAllows() {
        RolloutLimits limits = new RolloutLimits(2, 1);
        // 10 desired, new set has 2 not yet available: 12 pods, 10 available, min available 9.
        List<Set> planned = RollingUpdatePlan.scaleDownOld(10, limits, new Set("new", 2, 0), List.of(new Set("old", 10, 10)));
        assertThat(planned).containsExactly(new Set("old", 9, 9));
    }

    @Test
    void unavailableOldPodsGoFirstAtNoCost() {
        RolloutLimits limits = new RolloutLimits(1, 0);
        List<Set> planned = RollingUpdatePlan.scaleDownOld(4, limits, new Set("new", 1, 1),
                List.of(new Set("oldest", 2, 0), new Set("old", 2, 2)));
        // 5 pods, at least 4 must stay: one unavailable pod goes, and availability (3 of 4) allows no more.
        assertThat(planned).containsExactly(new Set("oldest", 1, 0), new Set("old", 2, 2));
    }

    @Test
    void nothingShrinksWhenTheNewSetIsUnavailable() {
        RolloutLimits limits = new RolloutLimits(1, 1);
        List<Set> planned = RollingUpdatePlan.scaleDownOld(4, limits, new Set("new", 1, 0), List.of(new Set("old", 3, 3)));
        assertThat(planned).containsExactly(new Set("old", 3, 3));
    }

    private static Deployment rolling(int replicas, String surge, String unavailable) {
        return new DeploymentBuilder().withNewSpec().withReplicas(replicas)
                .withNewStrategy().withType("RollingUpdate").withNewRollingUpdate()
                .withMaxSurge(intOrPercent(surge)).withMaxUnavailable(intOrPercent(unavailable))
                .endRollingUpdate().endStrategy().endSpec().build();
    }

    private static IntOrString intOrPercent(String value) {
        return value.endsWith("%") ? new IntOrString(value) : new IntOrString(Integer.parseInt(value));
    }
}
