package dev.keel.reconciler.daemonset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DaemonSetPlannerTest {

    private static final DaemonEligibility RUN = new DaemonEligibility(true, true);
    private static final DaemonEligibility STAY = new DaemonEligibility(false, true);
    private static final DaemonEligibility OFF = new DaemonEligibility(false, false);

    @Test
    void createsOnEveryEligibleNodeWithoutAPod() {
        DaemonSetPlan plan = DaemonSetPlanner.plan(List.of(node("a", RUN), node("b", STAY), node("c", OFF),
                node("d", RUN, current("d-1"))), true, 1, 0);
        assertThat(plan.createOn()).containsExactly("a");
        assertThat(plan.delete()).isEmpty();
    }

    @Test
    void waitsForATerminatingPodBeforeCreatingItsSuccessor() {
        assertThat(DaemonSetPlanner.plan(List.of(new NodeDaemons("a", RUN, List.of(), true)), true, 1, 0).isEmpty()).isTrue();
    }

    @Test
    void removesPodsFromNodesTheyMayNotStayOnAndExtrasAndFailedOnes() {
        DaemonSetPlan plan = DaemonSetPlanner.plan(List.of(
                node("a", OFF, current("a-1")),
                node("b", RUN, current("b-1"), current("b-2")),
                node("c", RUN, new DaemonPod("c-1", true, false, false, true))), true, 1, 0);
        assertThat(plan.delete()).containsExactlyInAnyOrder("a-1", "b-2", "c-1");
        // The failed pod's replacement comes at once.
        assertThat(plan.createOn()).containsExactly("c");
    }

    @Test
    void rollingUpdateDeletesOldPodsWithinMaxUnavailable() {
        List<NodeDaemons> nodes = List.of(node("a", RUN, old("a-1")), node("b", RUN, old("b-1")), node("c", RUN, old("c-1")));
        assertThat(DaemonSetPlanner.plan(nodes, true, 1, 0).delete()).containsExactly("a-1");
        assertThat(DaemonSetPlanner.plan(nodes, true, 2, 0).delete()).containsExactly("a-1", "b-1");
    }

    @Test
    void rollingUpdateCountsNodesAlreadyUnavailable() {
        List<NodeDaemons> nodes = List.of(node("a", RUN, new DaemonPod("a-2", true, false, false, false)),
                node("b", RUN, old("b-1")));
        assertThat(DaemonSetPlanner.plan(nodes, true, 1, 0).delete()).isEmpty();
    }

    @Test
    void unavailableOldPodsAreReplacedRegardlessOfTheBudget() {
        List<NodeDaemons> nodes = List.of(node("a", RUN, new DaemonPod("a-1", false, false, false, false)),
                node("b", RUN, new DaemonPod("b-1", false, false, false, false)));
        assertThat(DaemonSetPlanner.plan(nodes, true, 1, 0).delete()).containsExactly("a-1", "b-1");
    }

    @Test
    void onDeleteLeavesOldPodsAlone() {
        assertThat(DaemonSetPlanner.plan(List.of(node("a", RUN, old("a-1"))), false, 1, 0).isEmpty()).isTrue();
    }

    @Test
    void surgeStartsTheNewPodBesideTheOldOneAndRemovesTheOldOnceTheNewIsAvailable() {
        DaemonSetPlan start = DaemonSetPlanner.plan(List.of(node("a", RUN, old("a-1")), node("b", RUN, old("b-1"))), true, 0, 1);
        assertThat(start.createOn()).containsExactly("a");
        assertThat(start.delete()).isEmpty();
        DaemonSetPlan waiting = DaemonSetPlanner.plan(List.of(node("a", RUN, old("a-1"), new DaemonPod("a-2", true, false, false, false)),
                node("b", RUN, old("b-1"))), true, 0, 1);
        assertThat(waiting.isEmpty()).isTrue();
        DaemonSetPlan done = DaemonSetPlanner.plan(List.of(node("a", RUN, old("a-1"), current("a-2")), node("b", RUN, old("b-1"))), true, 0, 1);
        assertThat(done.delete()).containsExactly("a-1");
    }

    private static NodeDaemons node(String name, DaemonEligibility eligibility, DaemonPod... pods) {
        return new NodeDaemons(name, eligibility, List.of(pods), false);
    }

    private static DaemonPod current(String name) {
        return new DaemonPod(name, true, true, true, false);
    }

    private static DaemonPod old(String name) {
        return new DaemonPod(name, false, true, true, false);
    }
}
