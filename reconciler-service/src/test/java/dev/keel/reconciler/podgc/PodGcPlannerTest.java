package dev.keel.reconciler.podgc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PodGcPlannerTest {

    private static final String DELETING = "2026-01-01T12:00:00Z";

    @Test
    void finishedPodsBeyondTheThresholdGoEvictedFirstThenOldestThenByName() {
        List<Pod> pods = List.of(
                pod("running-old").created("2026-01-01T00:00:00Z").phase("Running").build(),
                pod("done-b").created("2026-01-01T01:00:00Z").phase("Succeeded").build(),
                pod("done-a").created("2026-01-01T01:00:00Z").phase("Failed").build(),
                pod("evicted-new").created("2026-01-01T05:00:00Z").phase("Failed").reason("Evicted").build(),
                pod("done-newest").created("2026-01-01T06:00:00Z").phase("Succeeded").build());

        List<PodDeletion> plan = new PodGcPlanner(1).plan(pods, Map.of(), Set.of());

        assertThat(plan).extracting(deletion -> deletion.pod().getMetadata().getName(), PodDeletion::reason).containsExactly(
                tuple("evicted-new", PodGcReason.TERMINATED), tuple("done-a", PodGcReason.TERMINATED),
                tuple("done-b", PodGcReason.TERMINATED));
    }

    @Test
    void aThresholdOfZeroKeepsEveryFinishedPod() {
        List<Pod> pods = List.of(pod("done").phase("Succeeded").build());

        assertThat(new PodGcPlanner(0).plan(pods, Map.of(), Set.of())).isEmpty();
    }

    static Stream<Arguments> terminatingOnNode() {
        return Stream.of(
                Arguments.of("not Ready and out of service", node("n").ready("False").outOfService().build(), true),
                Arguments.of("Unknown and out of service", node("n").ready("Unknown").outOfService().build(), true),
                Arguments.of("Ready though out of service", node("n").ready("True").outOfService().build(), false),
                Arguments.of("not Ready, not out of service", node("n").ready("False").build(), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("terminatingOnNode")
    void terminatingPodsAreForceDeletedOnlyOnNodesNotReadyAndOutOfService(String name, Node node, boolean collected) {
        List<Pod> pods = List.of(pod("terminating").node("n").deleting().build(), pod("running").node("n").phase("Running").build());

        List<PodDeletion> plan = new PodGcPlanner(100).plan(pods, Map.of("n", node), Set.of());

        assertThat(plan).extracting(deletion -> deletion.pod().getMetadata().getName(), PodDeletion::reason)
                .containsExactlyElementsOf(collected ? List.of(tuple("terminating", PodGcReason.TERMINATING_OUT_OF_SERVICE)) : List.of());
    }

    @Test
    void podsOfNodesConfirmedGoneAreOrphansWhateverTheirState() {
        List<Pod> pods = List.of(pod("running").node("gone").phase("Running").build(),
                pod("terminating").node("gone").deleting().build(),
                pod("elsewhere").node("here").phase("Running").build());
        Map<String, Node> nodes = byName(node("here").ready("True").build());

        assertThat(PodGcPlanner.missingNodes(pods, nodes)).containsExactly("gone");
        assertThat(new PodGcPlanner(100).plan(pods, nodes, Set.of())).isEmpty();
        assertThat(new PodGcPlanner(100).plan(pods, nodes, Set.of("gone")))
                .extracting(deletion -> deletion.pod().getMetadata().getName(), PodDeletion::reason)
                .containsExactly(tuple("running", PodGcReason.ORPHANED), tuple("terminating", PodGcReason.ORPHANED));
    }

    @Test
    void terminatingPodsNeverScheduledAreForceDeleted() {
        List<Pod> pods = List.of(pod("unscheduled-going").deleting().build(), pod("unscheduled").phase("Pending").build());

        assertThat(new PodGcPlanner(100).plan(pods, Map.of(), Set.of()))
                .extracting(deletion -> deletion.pod().getMetadata().getName(), PodDeletion::reason)
                .containsExactly(tuple("unscheduled-going", PodGcReason.TERMINATING_UNSCHEDULED));
    }

    @Test
    void aPodMatchingSeveralRulesIsDeletedOnceForTheFirst() {
        List<Pod> pods = List.of(pod("finished-orphan").node("gone").phase("Failed").build());

        assertThat(new PodGcPlanner(0).plan(pods, Map.of(), Set.of("gone"))).extracting(PodDeletion::reason)
                .containsExactly(PodGcReason.ORPHANED);
        List<Pod> twice = List.of(pod("old-finished-orphan").node("gone").phase("Failed").build(),
                pod("newer").phase("Succeeded").created("2026-02-01T00:00:00Z").build());
        assertThat(new PodGcPlanner(1).plan(twice, Map.of(), Set.of("gone"))).extracting(PodDeletion::reason)
                .containsExactly(PodGcReason.TERMINATED);
    }

    private static Map<String, Node> byName(Node... nodes) {
        return Stream.of(nodes).collect(Collectors.toMap(node -> node.getMetadata().getName(), Function.identity()));
    }

    private static PodMaker pod(String name) {
        return new PodMaker(name);
    }

    private static NodeMaker node(String name) {
        return new NodeMaker(name);
    }

    /** Builds pods for the planner: {@code pod("p").node("n").phase("Running").deleting().build()}. */
    private static final class PodMaker {
        private final PodBuilder pod;

        PodMaker(String name) {
            pod = new PodBuilder().withNewMetadata().withName(name).withNamespace("ns").withUid("uid-" + name)
                    .withCreationTimestamp("2026-01-01T00:00:00Z").endMetadata().withNewSpec().endSpec().withNewStatus().endStatus();
        }

        PodMaker created(String at) {
            pod.editMetadata().withCreationTimestamp(at).endMetadata();
            return this;
        }

        PodMaker node(String node) {
            pod.editSpec().withNodeName(node).endSpec();
            return this;
        }

        PodMaker phase(String phase) {
            pod.editStatus().withPhase(phase).endStatus();
            return this;
        }

        PodMaker reason(String reason) {
            pod.editStatus().withReason(reason).endStatus();
            return this;
        }

        PodMaker deleting() {
            pod.editMetadata().withDeletionTimestamp(DELETING).endMetadata();
            return this;
        }

        Pod build() {
            return pod.build();
        }
    }

    /** Builds nodes for the planner: {@code node("n").ready("False").outOfService().build()}. */
    private static final class NodeMaker {
        private final NodeBuilder node;

        NodeMaker(String name) {
            node = new NodeBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec().endSpec();
        }

        NodeMaker ready(String status) {
            node.withNewStatus().addNewCondition().withType("Ready").withStatus(status).endCondition().endStatus();
            return this;
        }

        NodeMaker outOfService() {
            node.editSpec().addNewTaint().withKey(PodGcPlanner.OUT_OF_SERVICE).withValue("nodeshutdown")
                    .withEffect("NoExecute").endTaint().endSpec();
            return this;
        }

        Node build() {
            return node.build();
        }
    }
}
