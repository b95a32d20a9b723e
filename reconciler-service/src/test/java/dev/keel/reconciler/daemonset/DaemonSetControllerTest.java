package dev.keel.reconciler.daemonset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keel.api.testing.Kubectl;
import dev.keel.reconciler.testing.Conflicts;
import dev.keel.reconciler.testing.ReconcilerTestCluster;
import dev.keel.reconciler.testing.SimulatedKubelet;
import dev.keel.reconciler.testing.Workloads;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DaemonSetControllerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ReconcilerTestCluster cluster = ReconcilerTestCluster.shared();
    private final KubernetesClient client = cluster.client();
    private String namespace;
    private SimulatedKubelet kubelet;

    @BeforeEach
    void setUp() {
        namespace = cluster.createNamespace("ds");
        kubelet = new SimulatedKubelet(client, namespace, "kubelet-" + namespace, Duration.ofMillis(200), Duration.ofMillis(100));
        // Nodes carry this test's label, so the daemon (selecting it) ignores the other tests' nodes.
        kubelet.addNode(node("a", Map.of("role", "worker")));
        kubelet.addNode(node("b", Map.of("role", "worker")));
        Node tainted = node("c", Map.of("role", "worker"));
        tainted.setSpec(new io.fabric8.kubernetes.api.model.NodeSpec());
        tainted.getSpec().setTaints(List.of(new TaintBuilder().withKey("dedicated").withValue("gpu").withEffect("NoSchedule").build()));
        kubelet.addNode(tainted);
        kubelet.addNode(node("d", Map.of("role", "edge")));
    }

    @AfterEach
    void tearDown() {
        kubelet.close();
        for (String suffix : List.of("a", "b", "c", "d")) {
            client.nodes().withName(nodeName(suffix)).delete();
        }
    }

    @Test
    void runsOnePodOnEachEligibleNodePinnedByNodeAffinity() {
        client.apps().daemonSets().inNamespace(namespace).resource(daemonSet("agent").build()).create();

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(podsByNode()).containsOnlyKeys(nodeName("a"), nodeName("b"));
            assertThat(status("agent").getNumberAvailable()).isEqualTo(2);
        });
        DaemonSetStatus status = status("agent");
        assertThat(status.getDesiredNumberScheduled()).isEqualTo(2);
        assertThat(status.getCurrentNumberScheduled()).isEqualTo(2);
        assertThat(status.getNumberReady()).isEqualTo(2);
        assertThat(status.getUpdatedNumberScheduled()).isEqualTo(2);
        assertThat(status.getNumberMisscheduled()).isZero();
        Pod pod = pods().get(0);
        assertThat(pod.getSpec().getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()
                .getNodeSelectorTerms().get(0).getMatchFields().get(0).getValues()).containsExactly(pod.getSpec().getNodeName());
        assertThat(pod.getSpec().getTolerations()).extracting(toleration -> toleration.getKey())
                .contains("node.kubernetes.io/unreachable", "node.kubernetes.io/not-ready", "node.kubernetes.io/unschedulable");

        // Tolerating the taint brings the daemon onto the tainted node.
        Conflicts.retry(() -> client.apps().daemonSets().inNamespace(namespace).withName("agent").edit(set -> {
            set.getSpec().getTemplate().getSpec().setTolerations(List.of(new TolerationBuilder()
                    .withKey("dedicated").withOperator("Exists").withEffect("NoSchedule").build()));
            return set;
        }));
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(podsByNode()).containsOnlyKeys(nodeName("a"), nodeName("b"), nodeName("c"));
            assertThat(podsByNode().values()).allSatisfy(names -> assertThat(names).hasSize(1));
            assertThat(status("agent").getUpdatedNumberScheduled()).isEqualTo(3);
            assertThat(status("agent").getNumberAvailable()).isEqualTo(3);
        });

        // A node relabelled out of the selector loses its daemon.
        Conflicts.retry(() -> client.nodes().withName(nodeName("b")).edit(node -> {
            node.getMetadata().getLabels().put("role", "edge");
            return node;
        }));
        await().atMost(WAIT).untilAsserted(() -> assertThat(podsByNode()).containsOnlyKeys(nodeName("a"), nodeName("c")));

        // A daemon pod that failed is killed and replaced, with a warning.
        String failed = podsByNode().get(nodeName("a")).get(0);
        client.pods().inNamespace(namespace).withName(failed).editStatus(current -> {
            current.getStatus().setPhase("Failed");
            return current;
        });
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(podsByNode().get(nodeName("a"))).singleElement().isNotEqualTo(failed);
            assertThat(client.v1().events().inNamespace(namespace).list().getItems()).anySatisfy(event -> {
                assertThat(event.getReason()).isEqualTo("FailedDaemonPod");
                assertThat(event.getMessage()).isEqualTo("Found failed daemon pod " + namespace + "/" + failed
                        + " on node " + nodeName("a") + ", will try to kill it");
            });
        });
    }

    @Test
    void rollingUpdateReplacesPodsWithinMaxUnavailableAndKubectlFollowsIt() {
        client.apps().daemonSets().inNamespace(namespace).resource(daemonSet("logs").editSpec()
                .withNewUpdateStrategy().withType("RollingUpdate").withNewRollingUpdate()
                .withMaxUnavailable(new IntOrString(1)).endRollingUpdate().endUpdateStrategy().endSpec().build()).create();
        await().atMost(WAIT).until(() -> status("logs").getNumberAvailable() != null && status("logs").getNumberAvailable() == 2);
        List<String> before = pods().stream().map(pod -> pod.getMetadata().getName()).toList();

        Conflicts.retry(() -> client.apps().daemonSets().inNamespace(namespace).withName("logs").edit(set -> {
            set.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("localhost:5000/busybox:1.36");
            return set;
        }));

        Kubectl.Result rollout = new Kubectl(Kubectl.VERSIONS.get(0), cluster.api().kubeconfig())
                .run("rollout", "status", "daemonset/logs", "-n", namespace, "--timeout=40s");
        assertThat(rollout.exitCode()).as(rollout.all()).isZero();
        assertThat(rollout.out()).contains("successfully rolled out");
        await().atMost(WAIT).untilAsserted(() -> assertThat(pods()).hasSize(2).allSatisfy(pod -> {
            assertThat(pod.getSpec().getContainers().get(0).getImage()).isEqualTo("localhost:5000/busybox:1.36");
            assertThat(before).doesNotContain(pod.getMetadata().getName());
        }));
    }

    private DaemonSetBuilder daemonSet(String name) {
        Map<String, String> labels = Map.of("app", name);
        DaemonSetBuilder builder = new DaemonSetBuilder()
                .withNewMetadata().withName(name).endMetadata()
                .withNewSpec()
                    .withNewSelector().withMatchLabels(labels).endSelector()
                    .withTemplate(Workloads.template(labels))
                .endSpec();
        DaemonSet set = builder.build();
        set.getSpec().getTemplate().getSpec().setNodeSelector(Map.of("role", "worker", "test", namespace));
        return new DaemonSetBuilder(set);
    }

    private Node node(String suffix, Map<String, String> labels) {
        Map<String, String> all = new java.util.HashMap<>(labels);
        all.put("test", namespace);
        return new NodeBuilder().withNewMetadata().withName(nodeName(suffix)).withLabels(all).endMetadata().build();
    }

    private String nodeName(String suffix) {
        return namespace + "-" + suffix;
    }

    private List<Pod> pods() {
        return client.pods().inNamespace(namespace).list().getItems().stream()
                .filter(pod -> pod.getMetadata().getDeletionTimestamp() == null).toList();
    }

    private Map<String, List<String>> podsByNode() {
        return pods().stream().filter(pod -> pod.getSpec().getNodeName() != null)
                .collect(Collectors.groupingBy(pod -> pod.getSpec().getNodeName(),
                        Collectors.mapping(pod -> pod.getMetadata().getName(), Collectors.toList())));
    }

    private DaemonSetStatus status(String name) {
        DaemonSet set = client.apps().daemonSets().inNamespace(namespace).withName(name).get();
        return set.getStatus() == null ? new DaemonSetStatus() : set.getStatus();
    }
}
