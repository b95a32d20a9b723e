package dev.keel.reconciler.nodelifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NodeHealthDecisionsTest {

    private static final Instant CREATED = Instant.parse("2026-01-01T10:00:00Z");
    private static final Instant NOW = CREATED.plusSeconds(100);
    private static final Duration GRACE = Duration.ofSeconds(40);

    @Test
    void theLatestOfLeaseAndReadyHeartbeatCounts() {
        Node node = node(CREATED.plusSeconds(50));
        assertThat(NodeHeartbeats.lastHeartbeat(node, Optional.of(lease(CREATED.plusSeconds(70))))).isEqualTo(CREATED.plusSeconds(70));
        assertThat(NodeHeartbeats.lastHeartbeat(node, Optional.of(lease(CREATED.plusSeconds(20))))).isEqualTo(CREATED.plusSeconds(50));
    }

    @Test
    void aNodeThatNeverReportedCountsFromItsCreation() {
        assertThat(NodeHeartbeats.lastHeartbeat(node(null), Optional.empty())).isEqualTo(CREATED);
    }

    @Test
    void silentOnlyPastTheGracePeriod() {
        assertThat(NodeHeartbeats.isSilent(NOW.minus(GRACE), NOW, GRACE)).isFalse();
        assertThat(NodeHeartbeats.isSilent(NOW.minus(GRACE).minusMillis(1), NOW, GRACE)).isTrue();
    }

    @Test
    void unknownReadyTaintsUnreachableNoExecuteAndNoSchedule() {
        List<Taint> taints = ConditionTaints.reconcile(List.of(userTaint()), wanted("Unknown"), NOW).orElseThrow();
        assertThat(taints).extracting(Taint::getKey, Taint::getEffect).containsExactly(tuple("dedicated", "NoSchedule"),
                tuple(ConditionTaints.UNREACHABLE, "NoExecute"), tuple(ConditionTaints.UNREACHABLE, "NoSchedule"));
        assertThat(taints.get(1).getTimeAdded()).isEqualTo(NOW.toString());
    }

    @Test
    void falseReadySwapsUnreachableForNotReady() {
        List<Taint> current = ConditionTaints.reconcile(List.of(), wanted("Unknown"), CREATED).orElseThrow();
        assertThat(ConditionTaints.reconcile(current, wanted("False"), NOW).orElseThrow())
                .extracting(Taint::getKey, Taint::getEffect)
                .containsExactly(tuple(ConditionTaints.NOT_READY, "NoExecute"), tuple(ConditionTaints.NOT_READY, "NoSchedule"));
    }

    @Test
    void anExistingTaintKeepsItsTimeAndChangesNothing() {
        List<Taint> current = ConditionTaints.reconcile(List.of(), wanted("Unknown"), CREATED).orElseThrow();
        assertThat(ConditionTaints.reconcile(current, wanted("Unknown"), NOW)).isEmpty();
    }

    @Test
    void readyAgainRemovesOnlyTheConditionTaints() {
        List<Taint> current = List.of(userTaint(),
                new TaintBuilder().withKey(ConditionTaints.UNREACHABLE).withEffect("NoExecute").build(),
                new TaintBuilder().withKey(ConditionTaints.UNREACHABLE).withEffect("NoSchedule").build());
        assertThat(ConditionTaints.reconcile(current, wanted("True"), NOW).orElseThrow()).containsExactly(userTaint());
        assertThat(ConditionTaints.reconcile(List.of(userTaint()), wanted("True"), NOW)).isEmpty();
    }

    @Test
    void aUserTaintWithAConditionKeyButAnotherEffectIsLeftAlone() {
        Taint prefer = new TaintBuilder().withKey(ConditionTaints.NOT_READY).withEffect("PreferNoSchedule").build();
        assertThat(ConditionTaints.reconcile(List.of(prefer), wanted("True"), NOW)).isEmpty();
    }

    @Test
    void pressureConditionsAndCordoningTaintNoSchedule() {
        Node node = new NodeBuilder().withNewMetadata().withName("n1").endMetadata()
                .withNewSpec().withUnschedulable(true).endSpec()
                .withNewStatus()
                .addNewCondition().withType("Ready").withStatus("True").endCondition()
                .addNewCondition().withType("MemoryPressure").withStatus("True").endCondition()
                .addNewCondition().withType("DiskPressure").withStatus("False").endCondition()
                .addNewCondition().withType("PIDPressure").withStatus("Unknown").endCondition()
                .endStatus().build();

        assertThat(ConditionTaints.wanted(node)).containsExactlyInAnyOrder(
                new ConditionTaints.TaintKey(ConditionTaints.MEMORY_PRESSURE, "NoSchedule"),
                new ConditionTaints.TaintKey(ConditionTaints.UNSCHEDULABLE, "NoSchedule"));
    }

    private static Set<ConditionTaints.TaintKey> wanted(String readyStatus) {
        return ConditionTaints.wanted(new NodeBuilder().withNewMetadata().withName("n1").endMetadata().withNewStatus()
                .addNewCondition().withType("Ready").withStatus(readyStatus).endCondition().endStatus().build());
    }

    private static Taint userTaint() {
        return new TaintBuilder().withKey("dedicated").withValue("gpu").withEffect("NoSchedule").build();
    }

    private static Node node(Instant readyHeartbeat) {
        NodeBuilder builder = new NodeBuilder().withNewMetadata().withName("n1").withCreationTimestamp(CREATED.toString()).endMetadata();
        if (readyHeartbeat != null) {
            builder.withNewStatus().addNewCondition().withType("Ready").withStatus("True")
                    .withLastHeartbeatTime(readyHeartbeat.toString()).endCondition().endStatus();
        }
        return builder.build();
    }

    private static Lease lease(Instant renewed) {
        return new LeaseBuilder().withNewMetadata().withName("n1").withNamespace("kube-node-lease").endMetadata()
                .withNewSpec().withRenewTime(renewed.atZone(ZoneOffset.UTC)).endSpec().build();
    }
}
