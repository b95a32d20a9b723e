package dev.keel.reconciler.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.reconciler.deployment.ProportionalScaling.Sized;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProportionalScalingTest {

    /** Mid-rollout of 10 replicas with maxSurge 3: the old set at 8, the new one at 5, both scaled for 10 (max 13). */
    private final Sized old = new Sized("web-old", 8, 8, 10, 13);
    private final Sized current = new Sized("web-new", 5, 2, 10, 13);

    @Test
    void aScalingEventIsAnActiveSetScaledForAnotherCount() {
        assertThat(ProportionalScaling.isScalingEvent(10, List.of(old, current))).isFalse();
        assertThat(ProportionalScaling.isScalingEvent(15, List.of(old, current))).isTrue();
        assertThat(ProportionalScaling.isScalingEvent(15, List.of(new Sized("idle", 0, 0, 10, 13)))).isFalse();
    }

    @Test
    void scalingUpSpreadsTheNewPodsOverTheSetsInProportion() {
        assertThat(ProportionalScaling.plan(15, 3, true, 13, List.of(old, current), current))
                .isEqualTo(Map.of("web-old", 11, "web-new", 7));
    }

    @Test
    void scalingDownTakesFromTheSetsInProportion() {
        assertThat(ProportionalScaling.plan(5, 3, true, 13, List.of(old, current), current))
                .isEqualTo(Map.of("web-old", 5, "web-new", 3));
    }

    @Test
    void scalingToZeroEmptiesEverySet() {
        assertThat(ProportionalScaling.plan(0, 3, true, 13, List.of(old, current), current))
                .isEqualTo(Map.of("web-old", 0, "web-new", 0));
    }

    @Test
    void leftoversGoToTheLargestSetAndTiesGrowTheNewerFirst() {
        Sized a = new Sized("a", 2, 2, 3, 4);
        Sized b = new Sized("b", 2, 0, 3, 4);
        // allowed 5 + 1 = 6, 4 now: each would get round(2 * 6 / 4) - 2 = 1, the newer one first.
        assertThat(ProportionalScaling.plan(5, 1, true, 4, List.of(a, b), b)).isEqualTo(Map.of("a", 3, "b", 3));
        // allowed 4 + 1 = 5: one to add, the newer of the two equal sets takes it.
        assertThat(ProportionalScaling.plan(4, 1, true, 4, List.of(a, b), b)).isEqualTo(Map.of("b", 3));
    }

    @Test
    void theOnlyActiveSetTakesTheWholeCount() {
        Sized idle = new Sized("web-old", 0, 0, 10, 13);
        assertThat(ProportionalScaling.plan(15, 3, true, 10, List.of(idle, current), current)).isEqualTo(Map.of("web-new", 15));
        assertThat(ProportionalScaling.plan(15, 3, true, 0, List.of(idle), null)).isEqualTo(Map.of("web-old", 15));
    }

    @Test
    void aSaturatedNewSetLeavesTheOldOnesNothing() {
        Sized saturated = new Sized("web-new", 10, 10, 10, 13);
        assertThat(ProportionalScaling.plan(10, 3, true, 13, List.of(old, saturated), saturated)).isEqualTo(Map.of("web-old", 0));
    }

    @Test
    void recreateDoesNotScaleProportionally() {
        assertThat(ProportionalScaling.plan(15, 0, false, 13, List.of(old, current), current)).isEmpty();
    }
}
