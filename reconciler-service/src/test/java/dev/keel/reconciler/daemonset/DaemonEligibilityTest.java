package dev.keel.reconciler.daemonset;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DaemonEligibilityTest {

    @Test
    void aNodeSelectorPicksNodesByLabel() {
        PodSpec spec = new PodSpecBuilder().withNodeSelector(Map.of("role", "worker")).build();
        assertThat(DaemonEligibility.of(spec, node("a", Map.of("role", "worker")))).isEqualTo(new DaemonEligibility(true, true));
        assertThat(DaemonEligibility.of(spec, node("b", Map.of("role", "edge")))).isEqualTo(new DaemonEligibility(false, false));
    }

    @Test
    void requiredNodeAffinityTermsAreOred() {
        PodSpec spec = new PodSpecBuilder().withNewAffinity().withNewNodeAffinity()
                .withRequiredDuringSchedulingIgnoredDuringExecution(new NodeSelectorBuilder()
                        .addNewNodeSelectorTerm().addNewMatchExpression().withKey("zone").withOperator("In").withValues("z1").endMatchExpression().endNodeSelectorTerm()
                        .addNewNodeSelectorTerm().addNewMatchField().withKey("metadata.name").withOperator("In").withValues("special").endMatchField().endNodeSelectorTerm()
                        .build())
                .endNodeAffinity().endAffinity().build();
        assertThat(DaemonEligibility.of(spec, node("a", Map.of("zone", "z1"))).shouldRun()).isTrue();
        assertThat(DaemonEligibility.of(spec, node("special", Map.of())).shouldRun()).isTrue();
        assertThat(DaemonEligibility.of(spec, node("b", Map.of("zone", "z2"))).shouldRun()).isFalse();
    }

    @Test
    void anUntoleratedNoScheduleTaintKeepsNewDaemonsOffButLetsRunningOnesStay() {
        Node tainted = tainted("dedicated", "NoSchedule");
        assertThat(DaemonEligibility.of(new PodSpec(), tainted)).isEqualTo(new DaemonEligibility(false, true));
    }

    @Test
    void anUntoleratedNoExecuteTaintKeepsDaemonsOff() {
        assertThat(DaemonEligibility.of(new PodSpec(), tainted("dedicated", "NoExecute"))).isEqualTo(new DaemonEligibility(false, false));
    }

    @Test
    void daemonsTolerateNodeConditionTaintsByDefault() {
        for (String key : new String[] {"node.kubernetes.io/unreachable", "node.kubernetes.io/not-ready"}) {
            assertThat(DaemonEligibility.of(new PodSpec(), tainted(key, "NoExecute")).shouldRun()).isTrue();
        }
        for (String key : new String[] {"node.kubernetes.io/disk-pressure", "node.kubernetes.io/memory-pressure",
                "node.kubernetes.io/pid-pressure", "node.kubernetes.io/unschedulable"}) {
            assertThat(DaemonEligibility.of(new PodSpec(), tainted(key, "NoSchedule")).shouldRun()).isTrue();
        }
        assertThat(DaemonEligibility.of(new PodSpec(), tainted("node.kubernetes.io/network-unavailable", "NoSchedule")).shouldRun()).isFalse();
        assertThat(DaemonEligibility.of(new PodSpecBuilder().withHostNetwork(true).build(),
                tainted("node.kubernetes.io/network-unavailable", "NoSchedule")).shouldRun()).isTrue();
    }

    @Test
    void aPodTolerationLetsTheDaemonOntoATaintedNode() {
        PodSpec spec = new PodSpecBuilder().addNewToleration().withKey("dedicated").withOperator("Exists").endToleration().build();
        assertThat(DaemonEligibility.of(spec, tainted("dedicated", "NoSchedule")).shouldRun()).isTrue();
    }

    private static Node node(String name, Map<String, String> labels) {
        return new NodeBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata().build();
    }

    private static Node tainted(String key, String effect) {
        return new NodeBuilder().withNewMetadata().withName("t").endMetadata()
                .withNewSpec().withTaints(new TaintBuilder().withKey(key).withEffect(effect).build()).endSpec().build();
    }
}
