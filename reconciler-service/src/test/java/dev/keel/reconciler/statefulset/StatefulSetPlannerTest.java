package dev.keel.reconciler.statefulset;

import static dev.keel.reconciler.statefulset.StatefulSetAction.create;
import static dev.keel.reconciler.statefulset.StatefulSetAction.delete;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatefulSetPlannerTest {

    private static final String OLD = "web-old";
    private static final String NEW = "web-new";

    @Test
    void orderedReadyCreatesTheFirstMissingOrdinalOnly() {
        assertThat(plan(3, true, pods(healthy(0, NEW)))).containsExactly(create(1));
        assertThat(plan(3, true, pods())).containsExactly(create(0));
    }

    @Test
    void orderedReadyWaitsForTheLowerOrdinalsToBeReady() {
        assertThat(plan(3, true, pods(healthy(0, NEW), starting(1, NEW)))).isEmpty();
        assertThat(plan(3, true, pods(healthy(0, NEW), terminating(1, NEW)))).isEmpty();
    }

    @Test
    void parallelCreatesEveryMissingOrdinalAtOnce() {
        assertThat(plan(3, false, pods(starting(1, NEW)))).containsExactly(create(0), create(2));
    }

    @Test
    void orderedReadyScalesDownFromTheHighestOrdinalOneAtATime() {
        Map<Integer, Replica> pods = pods(healthy(0, NEW), healthy(1, NEW), healthy(2, NEW), healthy(3, NEW));
        assertThat(plan(2, true, pods)).containsExactly(delete(3));
        assertThat(plan(2, true, pods(healthy(0, NEW), healthy(1, NEW), healthy(2, NEW), terminating(3, NEW)))).isEmpty();
        assertThat(plan(2, false, pods)).containsExactly(delete(3), delete(2));
    }

    @Test
    void orderedReadyDoesNotScaleDownWhileAKeptPodIsUnhealthy() {
        assertThat(plan(1, true, pods(starting(0, NEW), healthy(1, NEW)))).isEmpty();
    }

    @Test
    void rollingUpdateReplacesTheHighestOldOrdinalFirst() {
        assertThat(plan(3, true, pods(healthy(0, OLD), healthy(1, OLD), healthy(2, OLD)))).containsExactly(delete(2));
        assertThat(plan(3, true, pods(healthy(0, OLD), healthy(1, OLD), healthy(2, NEW)))).containsExactly(delete(1));
    }

    @Test
    void rollingUpdateWaitsForTheUpdatedPodToBeReady() {
        assertThat(plan(3, false, pods(healthy(0, OLD), healthy(1, OLD), starting(2, NEW)))).isEmpty();
    }

    @Test
    void rollingUpdateStopsAtThePartition() {
        Map<Integer, Replica> pods = pods(healthy(0, OLD), healthy(1, NEW), healthy(2, NEW));
        assertThat(StatefulSetPlanner.plan(3, true, true, 1, NEW, pods)).isEmpty();
        assertThat(StatefulSetPlanner.plan(3, true, true, 0, NEW, pods)).containsExactly(delete(0));
    }

    @Test
    void onDeleteLeavesOldPodsAlone() {
        assertThat(StatefulSetPlanner.plan(2, true, false, 0, NEW, pods(healthy(0, OLD), healthy(1, OLD)))).isEmpty();
    }

    @Test
    void finishedPodsAreReplaced() {
        Replica failed = new Replica(0, NEW, false, false, true);
        assertThat(plan(2, true, pods(failed, healthy(1, NEW)))).containsExactly(delete(0));
    }

    private static java.util.List<StatefulSetAction> plan(int replicas, boolean monotonic, Map<Integer, Replica> pods) {
        return StatefulSetPlanner.plan(replicas, monotonic, true, 0, NEW, pods);
    }

    private static Map<Integer, Replica> pods(Replica... replicas) {
        Map<Integer, Replica> pods = new HashMap<>();
        for (Replica replica : replicas) {
            pods.put(replica.ordinal(), replica);
        }
        return pods;
    }

    private static Replica healthy(int ordinal, String revision) {
        return new Replica(ordinal, revision, false, true, false);
    }

    private static Replica starting(int ordinal, String revision) {
        return new Replica(ordinal, revision, false, false, false);
    }

    private static Replica terminating(int ordinal, String revision) {
        return new Replica(ordinal, revision, true, false, false);
    }
}
