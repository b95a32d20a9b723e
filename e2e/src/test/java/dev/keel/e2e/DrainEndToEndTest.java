package dev.keel.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.api.testing.Kubectl;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code kubectl drain}, {@code cordon} and {@code uncordon} with the real kubectl 1.27 and 1.33 against the local
 * cluster: a Deployment guarded by a PodDisruptionBudget that allows no disruption holds a drain until its
 * {@code --timeout} (kubectl retrying the eviction's 429), the same drain passes once the budget allows one and the
 * pods move to the other node, a cordoned node gets no new pods, and a ReplicationController scales with kubectl.
 */
@LocalClusterTest
class DrainEndToEndTest {

    private static final Duration CONVERGE = Duration.ofMinutes(3);
    private static final String VIOLATION = "Cannot evict pod as it would violate the pod's disruption budget.";

    private static LocalCluster cluster;
    private static KubernetesClient client;

    @BeforeAll
    static void connect() {
        cluster = LocalCluster.get();
        client = cluster.fabric8();
    }

    @AfterAll
    static void close() {
        cluster.release(client, null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.27", "1.33"})
    void aBudgetHoldsTheDrainUntilItAllowsADisruption(String version) {
        Kubectl kubectl = cluster.kubectlOf(version);
        String namespace = cluster.createNamespace("drain-" + version.replace(".", ""));
        String node = null;
        try {
            ok(kubectl.run("-n", namespace, "create", "deployment", "web", "--image=" + LocalCluster.BUSYBOX, "--replicas=2",
                    "--", "sleep", "3600"));
            ok(kubectl.run("-n", namespace, "rollout", "status", "deployment/web", "--timeout=180s"));
            ok(kubectl.run("-n", namespace, "create", "pdb", "web", "--selector=app=web", "--min-available=2"));
            Poll.until(CONVERGE, "the budget's status", () -> observed(namespace, 0));
            node = webPods(namespace).get(0).getSpec().getNodeName();
            long onNode = countOn(namespace, node);

            // Only this scenario's pods: other classes' pods may still be going with their namespaces, and a bare
            // one among them ("declare no controller") would fail the drain for a reason that is not the budget's.
            Kubectl.Result blocked = kubectl.run("drain", node, "--pod-selector=app=web", "--ignore-daemonsets",
                    "--delete-emptydir-data", "--timeout=20s");

            assertThat(blocked.exitCode()).as(blocked.all()).isNotZero();
            assertThat(blocked.all()).contains(VIOLATION);
            assertThat(client.nodes().withName(node).get().getSpec().getUnschedulable()).isTrue();
            assertThat(countOn(namespace, node)).isEqualTo(onNode);

            ok(kubectl.run("-n", namespace, "patch", "pdb", "web", "--type=merge", "-p", "{\"spec\":{\"minAvailable\":1}}"));
            Poll.until(CONVERGE, "the budget allowing one disruption", () -> observed(namespace, 1));
            Kubectl.Result drained = kubectl.run("drain", node, "--pod-selector=app=web", "--ignore-daemonsets",
                    "--delete-emptydir-data", "--timeout=180s");

            assertThat(drained.exitCode()).as(drained.all()).isZero();
            assertThat(drained.out()).contains("evicted").contains("drained");
            String drainedNode = node;
            Poll.until(CONVERGE, "both pods ready off " + node, () -> {
                List<Pod> pods = webPods(namespace);
                return pods.size() == 2 && pods.stream().allMatch(DrainEndToEndTest::isReady)
                        && pods.stream().noneMatch(pod -> drainedNode.equals(pod.getSpec().getNodeName()));
            });

            Kubectl.Result uncordoned = kubectl.run("uncordon", node);
            assertThat(uncordoned.exitCode()).as(uncordoned.all()).isZero();
            assertThat(client.nodes().withName(node).get().getSpec().getUnschedulable()).isNotEqualTo(Boolean.TRUE);
        } finally {
            if (node != null) {
                kubectl.run("uncordon", node);
            }
            cluster.deleteNamespace(namespace);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.27", "1.33"})
    void aCordonedNodeGetsNoNewPods(String version) {
        Kubectl kubectl = cluster.kubectlOf(version);
        String namespace = cluster.createNamespace("cordon-" + version.replace(".", ""));
        String cordoned = LocalCluster.NODES.get(0);
        try {
            Kubectl.Result cordon = kubectl.run("cordon", cordoned);
            assertThat(cordon.exitCode()).as(cordon.all()).isZero();
            assertThat(cordon.out()).contains("cordoned");

            ok(kubectl.run("-n", namespace, "create", "deployment", "web", "--image=" + LocalCluster.BUSYBOX, "--replicas=3",
                    "--", "sleep", "3600"));
            ok(kubectl.run("-n", namespace, "rollout", "status", "deployment/web", "--timeout=180s"));

            assertThat(webPods(namespace)).hasSize(3).allSatisfy(pod -> assertThat(pod.getSpec().getNodeName()).isNotEqualTo(cordoned));
            Kubectl.Result uncordon = kubectl.run("uncordon", cordoned);
            assertThat(uncordon.exitCode()).as(uncordon.all()).isZero();
            assertThat(uncordon.out()).contains("uncordoned");
        } finally {
            kubectl.run("uncordon", cordoned);
            cluster.deleteNamespace(namespace);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.27", "1.33"})
    void aReplicationControllerScalesWithKubectl(String version) {
        Kubectl kubectl = cluster.kubectlOf(version);
        String namespace = cluster.createNamespace("rc-" + version.replace(".", ""));
        try {
            cluster.kubectlWithInput("""
                    apiVersion: v1
                    kind: ReplicationController
                    metadata:
                      name: web
                    spec:
                      replicas: 1
                      template:
                        metadata:
                          labels:
                            app: web
                        spec:
                          containers:
                          - name: main
                            image: %s
                            command: ["sleep", "3600"]
                    """.formatted(LocalCluster.BUSYBOX), "-n", namespace, "apply", "-f", "-");

            Kubectl.Result scaled = kubectl.run("-n", namespace, "scale", "rc", "web", "--replicas=3");

            assertThat(scaled.exitCode()).as(scaled.all()).isZero();
            assertThat(scaled.out()).contains("replicationcontroller/web scaled");
            Poll.until(CONVERGE, "three ready pods of the ReplicationController", () -> webPods(namespace).size() == 3
                    && webPods(namespace).stream().allMatch(DrainEndToEndTest::isReady));
            Poll.until(CONVERGE, "kubectl get rc showing 3 ready", () -> kubectl.run("-n", namespace, "get", "rc", "web")
                    .out().matches("(?s).*web\\s+3\\s+3\\s+3.*"));
            assertThat(webPods(namespace)).allSatisfy(pod -> assertThat(pod.getMetadata().getOwnerReferences())
                    .singleElement().satisfies(owner -> assertThat(owner.getKind()).isEqualTo("ReplicationController")));
        } finally {
            cluster.deleteNamespace(namespace);
        }
    }

    private static Boolean observed(String namespace, int allowed) {
        PodDisruptionBudget budget = client.policy().v1().podDisruptionBudget().inNamespace(namespace).withName("web").get();
        return budget != null && budget.getStatus() != null && budget.getStatus().getObservedGeneration() != null
                && budget.getStatus().getObservedGeneration().equals(budget.getMetadata().getGeneration())
                && Integer.valueOf(2).equals(budget.getStatus().getExpectedPods())
                && Integer.valueOf(allowed).equals(budget.getStatus().getDisruptionsAllowed());
    }

    private static List<Pod> webPods(String namespace) {
        return client.pods().inNamespace(namespace).withLabel("app", "web").list().getItems().stream()
                .filter(pod -> pod.getMetadata().getDeletionTimestamp() == null).toList();
    }

    private static long countOn(String namespace, String node) {
        return webPods(namespace).stream().filter(pod -> node.equals(pod.getSpec().getNodeName())).count();
    }

    private static boolean isReady(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static void ok(Kubectl.Result result) {
        assertThat(result.exitCode()).as(result.all()).isZero();
    }
}
