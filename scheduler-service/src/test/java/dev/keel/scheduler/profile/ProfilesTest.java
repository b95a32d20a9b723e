package dev.keel.scheduler.profile;

import static dev.keel.scheduler.testing.NodeMaker.node;
import static dev.keel.scheduler.testing.PodMaker.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.scheduler.framework.CycleState;
import dev.keel.scheduler.framework.FilterPlugin;
import dev.keel.scheduler.framework.Framework;
import dev.keel.scheduler.framework.NodeInfo;
import dev.keel.scheduler.framework.PodInfo;
import dev.keel.scheduler.framework.PluginRegistry;
import dev.keel.scheduler.framework.Snapshot;
import dev.keel.scheduler.framework.Status;
import dev.keel.scheduler.plugins.balancedallocation.BalancedAllocation;
import dev.keel.scheduler.plugins.noderesources.ScoringStrategy;
import dev.keel.scheduler.scheduling.ScheduleAlgorithm;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A profile is a plugin set: its scoring strategy, disabled plugins and weights decide where a pod goes. */
class ProfilesTest {

    private static final PluginRegistry REGISTRY = DefaultPlugins.registry((pod, node) -> Status.success(), (victim, preemptor, node) -> {
    });

    /**
     * Three 8-cpu, 8 GiB nodes: "empty"; "busy" with 4 cpu and 5 GiB in use, so that the test pod (2 cpu, 1 GiB) fills
     * it to exactly 75% of each; "lopsided" with 6 GiB of memory and no cpu in use.
     */
    private static Snapshot cluster() {
        return new Snapshot(List.of(
                node("empty").allocatable("cpu", "8", "memory", "8Gi", "pods", "110").info(),
                node("busy").allocatable("cpu", "8", "memory", "8Gi", "pods", "110")
                        .with(pod("used-busy").requesting("cpu", "4", "memory", "5Gi").build()).info(),
                node("lopsided").allocatable("cpu", "8", "memory", "8Gi", "pods", "110")
                        .with(pod("used-memory").requesting("cpu", "0", "memory", "6Gi").build()).info()));
    }

    static Stream<Arguments> strategies() {
        return Stream.of(
                Arguments.of("LeastAllocated spreads to the emptiest node", ScoringStrategy.LeastAllocated, Set.of(), "empty"),
                Arguments.of("LeastAllocated alone spreads too", ScoringStrategy.LeastAllocated, Set.of(BalancedAllocation.NAME), "empty"),
                Arguments.of("MostAllocated packs onto the fullest node that fits", ScoringStrategy.MostAllocated,
                        Set.of(BalancedAllocation.NAME), "busy"),
                Arguments.of("MostAllocated with the balance plugin packs too", ScoringStrategy.MostAllocated, Set.of(), "busy"),
                Arguments.of("BalancedAllocation ranks by even use of cpu and memory only", ScoringStrategy.BalancedAllocation,
                        Set.of(), "busy"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
    void theStrategyPicksTheNode(String name, ScoringStrategy strategy, Set<String> disabled, String expected) {
        Framework framework = Profiles.build(List.of(new Profiles.Spec("custom", strategy, disabled, List.of(), Map.of(), 0)), REGISTRY)
                .get("custom");

        String chosen = new ScheduleAlgorithm(RandomGenerator.of("L64X128MixRandom"))
                .schedule(framework, new CycleState(), pod("p").requesting("cpu", "2", "memory", "1Gi").info(), cluster()).node();

        assertThat(chosen).isEqualTo(expected);
    }

    @Test
    void aCustomSchedulerIsAPluginSet() {
        PluginRegistry registry = DefaultPlugins.registry((pod, node) -> Status.success(), (victim, preemptor, node) -> {
        }).register("OnlyLopsided", (args, handle) -> new OnlyNamed("OnlyLopsided", "lopsided"));
        Map<String, Framework> profiles = Profiles.build(List.of(Profiles.Spec.defaults("default-scheduler"),
                new Profiles.Spec("picky", ScoringStrategy.LeastAllocated, Set.of(), List.of("OnlyLopsided"), Map.of(), 0)), registry);
        ScheduleAlgorithm algorithm = new ScheduleAlgorithm(RandomGenerator.of("L64X128MixRandom"));

        String picky = algorithm.schedule(profiles.get("picky"), new CycleState(), pod("p").info(), cluster()).node();
        String usual = algorithm.schedule(profiles.get("default-scheduler"), new CycleState(), pod("p").info(), cluster()).node();

        assertThat(picky).isEqualTo("lopsided");
        assertThat(usual).isEqualTo("empty");
    }

    /** A filter plugin from outside the default set: only the named node passes. */
    private record OnlyNamed(String name, String node) implements FilterPlugin {
        @Override
        public Status filter(CycleState state, PodInfo pod, NodeInfo info) {
            return info.name().equals(node) ? Status.success() : Status.unschedulable("node(s) were not " + node);
        }
    }

    @Test
    void eachProfileServesItsSchedulerName() {
        Map<String, Framework> profiles = Profiles.build(List.of(Profiles.Spec.defaults("default-scheduler"),
                new Profiles.Spec("bin-packing", ScoringStrategy.MostAllocated, Set.of(), List.of(), Map.of(), 0)), REGISTRY);

        assertThat(profiles).containsOnlyKeys("default-scheduler", "bin-packing");
    }

    @Test
    void unknownOrContradictoryProfilesAreRefused() {
        assertThatThrownBy(() -> Profiles.build(List.of(new Profiles.Spec("x", ScoringStrategy.LeastAllocated, Set.of("NoSuchPlugin"), List.of(),
                Map.of(), 0)), REGISTRY)).hasMessageContaining("no plugin named NoSuchPlugin");
        assertThatThrownBy(() -> Profiles.build(List.of(new Profiles.Spec("x", ScoringStrategy.BalancedAllocation,
                Set.of(BalancedAllocation.NAME), List.of(), Map.of(), 0)), REGISTRY)).hasMessageContaining("disables that plugin");
        assertThatThrownBy(() -> Profiles.build(List.of(Profiles.Spec.defaults("x"), Profiles.Spec.defaults("x")), REGISTRY))
                .hasMessageContaining("two profiles");
    }
}
