package dev.keel.reconciler.nodelifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keel.reconciler.testing.KubeletNamespace;
import dev.keel.reconciler.testing.ReconcilerTestCluster;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class NodeLifecycleControllerTest {

    private static final Duration WAIT = Duration.ofSeconds(40);

    private final ReconcilerTestCluster cluster = ReconcilerTestCluster.shared();
    private final KubernetesClient client = cluster.client();

    @RegisterExtension
    final KubeletNamespace fixture = new KubeletNamespace("nodelife", Duration.ofMillis(100), Duration.ofMillis(100));

    @Test
    void aSilentNodeTurnsUnknownIsTaintedAndItsPodsAreEvictedByTheirTolerations() {
        createPod("stays-for-ever", null);
        createPod("leaves-at-once", 0L);
        createPod("leaves-after-two-seconds", 2L);
        createPod("default-toleration", -1L);
        await().atMost(WAIT).until(() -> client.pods().inNamespace(fixture.name()).list().getItems().stream()
                .filter(pod -> "Running".equals(pod.getStatus().getPhase())).count() == 4);

        fixture.kubelet().heartbeat(false);

        await().atMost(WAIT).untilAsserted(() -> {
            Node node = client.nodes().withName(fixture.kubelet().nodeName()).get();
            NodeCondition ready = NodeHeartbeats.readyCondition(node).orElse(new NodeCondition());
            assertThat(ready.getStatus()).isEqualTo("Unknown");
            assertThat(ready.getReason()).isEqualTo("NodeStatusUnknown");
            assertThat(ready.getMessage()).isEqualTo("Kubelet stopped posting node status.");
            assertThat(node.getSpec()).isNotNull();
            assertThat(node.getSpec().getTaints()).isNotNull().extracting(Taint::getKey, Taint::getEffect)
                    .contains(org.assertj.core.groups.Tuple.tuple(ConditionTaints.UNREACHABLE, "NoExecute"),
                            org.assertj.core.groups.Tuple.tuple(ConditionTaints.UNREACHABLE, "NoSchedule"));
        });
        await().atMost(WAIT).untilAsserted(() -> assertThat(podNames())
                .containsExactlyInAnyOrder("stays-for-ever", "default-toleration"));
        assertThat(evictionEvents()).contains("Marking for deletion Pod " + fixture.name() + "/leaves-at-once",
                "Marking for deletion Pod " + fixture.name() + "/leaves-after-two-seconds");
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(client.pods().inNamespace(fixture.name()).list().getItems()).allSatisfy(pod -> assertThat(pod.getStatus()
                    .getConditions()).anySatisfy(condition -> {
                        assertThat(condition.getType()).isEqualTo("Ready");
                        assertThat(condition.getStatus()).isEqualTo("False");
                    }));
            assertThat(events("NodeNotReady")).contains("Node is not ready");
        });
        assertThat(client.v1().events().inNamespace("default").list().getItems()).anySatisfy(event -> {
            assertThat(event.getInvolvedObject().getName()).isEqualTo(fixture.kubelet().nodeName());
            assertThat(event.getReason()).isEqualTo("NodeNotReady");
        });

        fixture.kubelet().heartbeat(true);

        await().atMost(WAIT).untilAsserted(() -> {
            Node node = client.nodes().withName(fixture.kubelet().nodeName()).get();
            assertThat(NodeHeartbeats.readyCondition(node).map(NodeCondition::getStatus)).contains("True");
            List<Taint> taints = node.getSpec().getTaints() == null ? List.of() : node.getSpec().getTaints();
            assertThat(taints).extracting(Taint::getKey).doesNotContain(ConditionTaints.UNREACHABLE, ConditionTaints.NOT_READY);
        });
        assertThat(podNames()).containsExactlyInAnyOrder("stays-for-ever", "default-toleration");
        await().atMost(WAIT).untilAsserted(() -> assertThat(evictionEvents())
                .contains("Cancelling deletion of Pod " + fixture.name() + "/default-toleration"));
    }

    /** A pod with an unreachable toleration of {@code seconds} (null: for ever; negative: the admission default). */
    private void createPod(String name, Long seconds) {
        PodBuilder builder = new PodBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().addNewContainer().withName("main").withImage("localhost:5000/busybox:1.35").endContainer().endSpec();
        if (seconds == null || seconds >= 0) {
            builder.editSpec().addToTolerations(new TolerationBuilder().withKey(ConditionTaints.UNREACHABLE)
                    .withOperator("Exists").withEffect("NoExecute").withTolerationSeconds(seconds).build()).endSpec();
        }
        client.pods().inNamespace(fixture.name()).resource(builder.build()).create();
    }

    private List<String> podNames() {
        return client.pods().inNamespace(fixture.name()).list().getItems().stream().map(Pod::getMetadata)
                .map(meta -> meta.getName()).toList();
    }

    private List<String> evictionEvents() {
        return events("TaintManagerEviction");
    }

    private List<String> events(String reason) {
        return client.v1().events().inNamespace(fixture.name()).list().getItems().stream()
                .filter(event -> reason.equals(event.getReason()))
                .map(Event::getMessage).toList();
    }
}
