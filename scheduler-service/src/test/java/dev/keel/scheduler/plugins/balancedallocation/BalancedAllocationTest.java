package dev.keel.scheduler.plugins.balancedallocation;

import static dev.keel.scheduler.testing.NodeMaker.node;
import static dev.keel.scheduler.testing.PodMaker.pod;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.scheduler.framework.CycleState;
import org.junit.jupiter.api.Test;

class BalancedAllocationTest {

    private final BalancedAllocation plugin = new BalancedAllocation();

    @Test
    void prefersTheNodeWhereCpuAndMemoryEvenOut() {
        var pod = pod("p").requesting("cpu", "1", "memory", "1Gi").info();
        // cpu-heavy node: the memory-light pod keeps it lopsided; memory-heavy node: the pod evens it out less.
        var cpuHeavy = node("cpu").with(pod("o").requesting("cpu", "3", "memory", "1Gi").build()).info();
        var balanced = node("bal").with(pod("o").requesting("cpu", "1", "memory", "2Gi").build()).info();

        assertThat(plugin.score(new CycleState(), pod, balanced)).isGreaterThan(plugin.score(new CycleState(), pod, cpuHeavy));
    }

    @Test
    void perfectBalanceScoresMax() {
        var pod = pod("p").requesting("cpu", "2", "memory", "4Gi").info();

        assertThat(plugin.score(new CycleState(), pod, node("n").info())).isEqualTo(100);
    }
}
