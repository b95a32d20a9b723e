package dev.keel.reconciler.nodelifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NoExecuteEvictionsTest {

    private static final Instant ADDED = Instant.parse("2026-01-01T10:00:00Z");
    private static final Taint UNREACHABLE = taint(ConditionTaints.UNREACHABLE, ADDED);

    @Test
    void anUntoleratedTaintEvictsFromTheMomentItWasAdded() {
        assertThat(evictionTime(List.of(), List.of(UNREACHABLE))).contains(ADDED);
    }

    @Test
    void aToleratedTaintEvictsAfterTolerationSeconds() {
        assertThat(evictionTime(List.of(tolerating(ConditionTaints.UNREACHABLE, 300L)), List.of(UNREACHABLE)))
                .contains(ADDED.plusSeconds(300));
    }

    @Test
    void zeroOrNegativeTolerationSecondsEvictAtOnce() {
        assertThat(evictionTime(List.of(tolerating(ConditionTaints.UNREACHABLE, -5L)), List.of(UNREACHABLE))).contains(ADDED);
    }

    @Test
    void aTolerationWithoutSecondsKeepsThePodForEver() {
        assertThat(evictionTime(List.of(tolerating(ConditionTaints.UNREACHABLE, null)), List.of(UNREACHABLE))).isEmpty();
    }

    @Test
    void theEarliestTaintWins() {
        Taint notReady = taint(ConditionTaints.NOT_READY, ADDED.plusSeconds(10));
        List<Toleration> tolerations = List.of(tolerating(ConditionTaints.UNREACHABLE, null),
                tolerating(ConditionTaints.NOT_READY, 30L));
        assertThat(evictionTime(tolerations, List.of(UNREACHABLE, notReady))).contains(ADDED.plusSeconds(40));
    }

    @Test
    void taintsWithOtherEffectsAreIgnored() {
        Taint noSchedule = new TaintBuilder().withKey("dedicated").withEffect("NoSchedule").build();
        assertThat(evictionTime(List.of(), List.of(noSchedule))).isEmpty();
    }

    private static Optional<Instant> evictionTime(List<Toleration> tolerations, List<Taint> taints) {
        return NoExecuteEvictions.evictionTime(tolerations, taints, taint -> Instant.parse(taint.getTimeAdded()));
    }

    private static Taint taint(String key, Instant added) {
        return new TaintBuilder().withKey(key).withEffect("NoExecute").withTimeAdded(added.toString()).build();
    }

    private static Toleration tolerating(String key, Long seconds) {
        return new TolerationBuilder().withKey(key).withOperator("Exists").withEffect("NoExecute")
                .withTolerationSeconds(seconds).build();
    }
}
