package dev.keel.scheduler.scheduling;

import static dev.keel.scheduler.testing.NodeMaker.node;
import static dev.keel.scheduler.testing.PodMaker.pod;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.scheduler.framework.CycleState;
import dev.keel.scheduler.framework.Framework;
import dev.keel.scheduler.framework.NodeInfo;
import dev.keel.scheduler.framework.Parallelizer;
import dev.keel.scheduler.framework.Snapshot;
import dev.keel.scheduler.framework.Status;
import dev.keel.scheduler.profile.DefaultPlugins;
import dev.keel.scheduler.profile.Profiles;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;

class ScheduleAlgorithmTest {

    private final Framework framework = Profiles.build(List.of(Profiles.Spec.defaults("default-scheduler")),
            DefaultPlugins.registry((pod, node) -> Status.success(), (victim, preemptor, node) -> {
            })).get("default-scheduler");
    private final ScheduleAlgorithm algorithm = new ScheduleAlgorithm(RandomGenerator.of("L64X128MixRandom"));

    private static Snapshot nodes(int count) {
        List<NodeInfo> nodes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            nodes.add(NodeInfo.of(node("n" + i).allocatable("cpu", "4", "memory", "8Gi", "pods", "110").build()));
        }
        return new Snapshot(nodes);
    }

    @Test
    void onALargeClusterStopsFilteringOnceEnoughNodesAreFeasible() {
        Snapshot snapshot = nodes(5_000);

        ScheduleAttempt first = algorithm.schedule(framework, new CycleState(), pod("a").info(), snapshot);
        ScheduleAttempt second = algorithm.schedule(framework, new CycleState(), pod("b").info(), snapshot);

        assertThat(first.evaluated()).isEqualTo(500);
        assertThat(first.feasible()).isEqualTo(500);
        assertThat(second.evaluated()).isEqualTo(500);
        // The next cycle starts where the last one stopped, so every node gets its turn.
        int firstIndex = Integer.parseInt(first.node().substring(1));
        int secondIndex = Integer.parseInt(second.node().substring(1));
        assertThat(firstIndex).isBetween(0, 499);
        assertThat(secondIndex).isBetween(500, 999);
    }

    @Test
    void onASmallClusterEveryNodeIsFiltered() {
        ScheduleAttempt attempt = algorithm.schedule(framework, new CycleState(), pod("a").info(), nodes(80));

        assertThat(attempt.evaluated()).isEqualTo(80);
        assertThat(attempt.feasible()).isEqualTo(80);
    }

    @Test
    void anUnschedulablePodIsFilteredAgainstEveryNode() {
        ScheduleAttempt attempt = algorithm.schedule(framework, new CycleState(), pod("big").requesting("cpu", "8").info(), nodes(1_000));

        assertThat(attempt.scheduled()).isFalse();
        assertThat(attempt.diagnosis().summary()).isEqualTo("0/1000 nodes are available: 1000 Insufficient cpu.");
    }

    @Test
    void onSeveralThreadsTheSameNodesAreFilteredAndTheSameNodeChosen() {
        List<NodeInfo> list = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            // Every third node is full, so the feasible ones are interleaved with rejections.
            String cpu = i % 3 == 0 ? "0" : String.valueOf(1 + i % 7);
            list.add(NodeInfo.of(node("n" + i).allocatable("cpu", cpu, "memory", "8Gi", "pods", "110").build()));
        }
        Snapshot snapshot = new Snapshot(list);
        try (Parallelizer parallel = Parallelizer.withThreads(4, 100, "test-parallel")) {
            // Equal seeds: ties are broken the same way.
            ScheduleAlgorithm sequential = new ScheduleAlgorithm(RandomGeneratorFactory.of("L64X128MixRandom").create(7));
            ScheduleAlgorithm threaded = new ScheduleAlgorithm(RandomGeneratorFactory.of("L64X128MixRandom").create(7), parallel);
            for (int cycle = 0; cycle < 20; cycle++) {
                var pod = pod("p" + cycle).requesting("cpu", "500m").info();
                ScheduleAttempt one = sequential.schedule(framework, new CycleState(), pod, snapshot);
                ScheduleAttempt many = threaded.schedule(framework, new CycleState(), pod, snapshot);

                assertThat(many).isEqualTo(one);
            }
            ScheduleAttempt none = threaded.schedule(framework, new CycleState(), pod("big").requesting("cpu", "64").info(), snapshot);
            assertThat(none.diagnosis().summary()).isEqualTo("0/3000 nodes are available: 3000 Insufficient cpu.");
        }
    }
}
