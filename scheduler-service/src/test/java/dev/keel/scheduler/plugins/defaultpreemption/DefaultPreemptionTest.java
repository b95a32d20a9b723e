package dev.keel.scheduler.plugins.defaultpreemption;

import static dev.keel.scheduler.testing.NodeMaker.node;
import static dev.keel.scheduler.testing.PodMaker.pod;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.scheduler.framework.CycleState;
import dev.keel.scheduler.framework.Framework;
import dev.keel.scheduler.framework.PluginRegistry;
import dev.keel.scheduler.framework.PluginSpec;
import dev.keel.scheduler.framework.Snapshot;
import dev.keel.scheduler.framework.Status;
import dev.keel.scheduler.plugins.noderesources.NodeResourcesFit;
import dev.keel.scheduler.plugins.noderesources.ScoringStrategy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DefaultPreemptionTest {

    private final List<String> evicted = new ArrayList<>();

    private Framework framework() {
        PluginRegistry registry = new PluginRegistry()
                .register(NodeResourcesFit.NAME, (args, handle) -> new NodeResourcesFit(ScoringStrategy.LeastAllocated))
                .register(DefaultPreemption.NAME, (args, handle) -> new DefaultPreemption(handle, (victim, preemptor, node) -> evicted.add(victim.key())))
                .register("Binder", (args, handle) -> new dev.keel.scheduler.plugins.defaultbinder.DefaultBinder((pod, node) -> Status.success()));
        return new Framework("default-scheduler", List.of(PluginSpec.of(NodeResourcesFit.NAME), PluginSpec.of(DefaultPreemption.NAME),
                PluginSpec.of("Binder")), 100, registry);
    }

    private Map<String, Status> rejectAll(Framework framework, CycleState state, dev.keel.scheduler.framework.PodInfo pod, Snapshot snapshot) {
        Map<String, Status> statuses = new HashMap<>();
        snapshot.nodes().forEach(n -> statuses.put(n.name(), framework.runFilters(state, pod, n)));
        return statuses;
    }

    @Test
    void evictsTheFewestLowerPriorityPodsOnOneNode() {
        Snapshot snapshot = new Snapshot(List.of(
                node("many").with(pod("a").priority(1).requesting("cpu", "1").build()).with(pod("b").priority(1).requesting("cpu", "1").build())
                        .with(pod("c").priority(1).requesting("cpu", "1").build()).with(pod("d").priority(1).requesting("cpu", "1").build()).info(),
                node("few").with(pod("e").priority(1).requesting("cpu", "2").build()).with(pod("big").priority(5).requesting("cpu", "2").build()).info()));
        Framework framework = framework();
        CycleState state = new CycleState();
        var pod = pod("urgent").priority(10).requesting("cpu", "2").info();

        var result = framework.runPostFilters(state, pod, snapshot, rejectAll(framework, state, pod, snapshot));

        assertThat(result.status().isSuccess()).isTrue();
        assertThat(result.nominatedNode()).isEqualTo("few");
        assertThat(evicted).containsExactly("default/e");
    }

    @Test
    void keepsTheMostImportantVictimsWhenSomeAreEnough() {
        Snapshot snapshot = new Snapshot(List.of(
                node("n").with(pod("low").priority(1).requesting("cpu", "2").build()).with(pod("mid").priority(3).requesting("cpu", "2").build()).info()));
        Framework framework = framework();
        CycleState state = new CycleState();
        var pod = pod("urgent").priority(10).requesting("cpu", "2").info();

        framework.runPostFilters(state, pod, snapshot, rejectAll(framework, state, pod, snapshot));

        assertThat(evicted).containsExactly("default/low");
    }

    @Test
    void neverEvictsPodsOfEqualOrHigherPriority() {
        Snapshot snapshot = new Snapshot(List.of(node("n").with(pod("same").priority(10).requesting("cpu", "4").build()).info()));
        Framework framework = framework();
        CycleState state = new CycleState();
        var pod = pod("urgent").priority(10).requesting("cpu", "1").info();

        var result = framework.runPostFilters(state, pod, snapshot, rejectAll(framework, state, pod, snapshot));

        assertThat(result.status().isSuccess()).isFalse();
        assertThat(evicted).isEmpty();
    }

    @Test
    void unresolvableNodesAreNotCandidates() {
        Snapshot snapshot = new Snapshot(List.of(node("n").with(pod("low").priority(1).requesting("cpu", "4").build()).info()));
        Framework framework = framework();
        var pod = pod("urgent").priority(10).requesting("cpu", "1").info();

        var result = framework.runPostFilters(new CycleState(), pod, snapshot, Map.of("n", Status.unresolvable("node(s) were unschedulable")));

        assertThat(result.status().isSuccess()).isFalse();
        assertThat(evicted).isEmpty();
    }
}
