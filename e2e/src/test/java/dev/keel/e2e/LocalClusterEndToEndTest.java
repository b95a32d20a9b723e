package dev.keel.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventList;
import io.fabric8.kubernetes.api.model.NodeList;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.api.model.Service;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A user's first session with the local cluster, through the real kubectl: a Deployment of busybox httpd scheduled
 * onto both nodes and running on their containerd, its logs and exec through platform-api, a ClusterIP Service answering from inside a node's namespace
 * through proxy-agent's rules with every pod taking part, a scale to 4, and a foreground-cascading delete that leaves
 * no container and no rule behind. Runs against the cluster of {@code ./platform up}; {@code ./platform test} brings it up and down.
 */
@LocalClusterTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalClusterEndToEndTest {

    private static final String IMAGE = LocalCluster.BUSYBOX;
    private static final List<String> NODES = LocalCluster.NODES;
    /** Each pod serves its own name (its hostname), so an answer tells which pod gave it. */
    private static final String SERVE_HOSTNAME = LocalCluster.SERVE_HOSTNAME;
    private static final Duration ROLLOUT = Duration.ofMinutes(3);

    private static LocalCluster cluster;
    private static String namespace;

    @BeforeAll
    static void connect() {
        cluster = LocalCluster.get();
        namespace = cluster.createNamespace("kubectl");
    }

    @AfterAll
    static void removeNamespace() {
        if (namespace != null) {
            cluster.deleteNamespace(namespace);
        }
    }

    @Test
    @Order(1)
    void bothNodesAreReady() {
        NodeList nodes = cluster.kubectlJson(NodeList.class, "get", "nodes");

        assertThat(nodes.getItems()).extracting(node -> node.getMetadata().getName()).containsAll(NODES);
        nodes.getItems().forEach(node -> assertThat(node.getStatus().getConditions())
                .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True")));
    }

    @Test
    @Order(2)
    void deploymentPodsAreScheduledOntoBothNodesAndRunOnContainerd() {
        cluster.kubectl("-n", namespace, "create", "deployment", "web", "--image=" + IMAGE, "--replicas=2",
                "--port=8080", "--", "sh", "-c", SERVE_HOSTNAME);
        cluster.kubectl("-n", namespace, "rollout", "status", "deployment/web", "--timeout=" + ROLLOUT.toSeconds() + "s");

        List<Pod> pods = runningReadyPods(2);
        assertThat(pods).extracting(pod -> pod.getSpec().getNodeName()).containsExactlyInAnyOrderElementsOf(NODES);
        assertScheduledBySchedulerAndRunningOnContainerd(pods);
    }

    @Test
    @Order(3)
    void logsAndExecReachEachPodThroughPlatformApiAndItsNodeAgent() {
        for (Pod pod : runningReadyPods(2)) {
            String name = pod.getMetadata().getName();
            assertThat(cluster.kubectl("-n", namespace, "logs", name)).contains("serving " + name);
            assertThat(cluster.kubectl("-n", namespace, "exec", name, "--", "cat", "/www/index.html").trim())
                    .isEqualTo(name);
        }
    }

    @Test
    @Order(4)
    void clusterIpServiceReachesEveryPodFromInsideANode() {
        cluster.kubectl("-n", namespace, "expose", "deployment", "web", "--port=80", "--target-port=8080");
        Service service = cluster.kubectlJson(Service.class, "-n", namespace, "get", "service", "web");
        String clusterIp = service.getSpec().getClusterIP();
        assertThat(clusterIp).startsWith("10.96.");

        assertServiceReachesAll(clusterIp, "node-1", podNames(runningReadyPods(2)));
    }

    @Test
    @Order(5)
    void scaledToFourEveryPodRunsAndAnswers() {
        cluster.kubectl("-n", namespace, "scale", "deployment", "web", "--replicas=4");
        cluster.kubectl("-n", namespace, "rollout", "status", "deployment/web", "--timeout=" + ROLLOUT.toSeconds() + "s");

        List<Pod> pods = runningReadyPods(4);
        assertThat(pods).extracting(pod -> pod.getSpec().getNodeName()).containsAll(NODES);
        assertScheduledBySchedulerAndRunningOnContainerd(pods);
        String clusterIp = cluster.kubectlJson(Service.class, "-n", namespace, "get", "service", "web").getSpec().getClusterIP();
        assertServiceReachesAll(clusterIp, "node-2", podNames(pods));
    }

    @Test
    @Order(6)
    void deletingRemovesPodsContainersAndRules() {
        List<Pod> pods = runningReadyPods(4);
        String clusterIp = cluster.kubectlJson(Service.class, "-n", namespace, "get", "service", "web").getSpec().getClusterIP();

        cluster.kubectl("-n", namespace, "delete", "service", "web");
        // kubectl waits (through a watch) until the Deployment is gone, which foreground deletion makes it only
        // after its ReplicaSet and pods.
        cluster.kubectl("-n", namespace, "delete", "deployment", "web", "--cascade=foreground");
        Poll.until(ROLLOUT, "the pods of deployment web are gone",
                () -> cluster.kubectlJson(PodList.class, "-n", namespace, "get", "pods").getItems().isEmpty());

        Poll.until(Duration.ofSeconds(60), "containerd stopped the pods' containers",
                () -> containerIds(pods).stream().noneMatch(this::runsOnAnyNode));
        Poll.until(Duration.ofSeconds(60), "proxy-agent removed the rules of " + clusterIp,
                () -> NODES.stream().noneMatch(node -> cluster.iptablesSave(node).contains(clusterIp + "/32")));
    }

    private List<Pod> runningReadyPods(int expected) {
        return Poll.until(ROLLOUT, expected + " pods of web Running and Ready", () -> {
            List<Pod> pods = cluster.kubectlJson(PodList.class, "-n", namespace, "get", "pods", "-l", "app=web").getItems()
                    .stream().filter(pod -> pod.getMetadata().getDeletionTimestamp() == null).toList();
            boolean allUp = pods.size() == expected && pods.stream().allMatch(LocalClusterEndToEndTest::runningAndReady);
            return allUp ? pods : null;
        });
    }

    private static boolean runningAndReady(Pod pod) {
        List<PodCondition> conditions = pod.getStatus().getConditions();
        return "Running".equals(pod.getStatus().getPhase()) && pod.getStatus().getPodIP() != null
                && conditions != null && conditions.stream().anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
    }

    /** Each pod has the scheduler's Scheduled event and a container its node's containerd runs. */
    private void assertScheduledBySchedulerAndRunningOnContainerd(List<Pod> pods) {
        EventList events = cluster.kubectlJson(EventList.class, "-n", namespace, "get", "events");
        for (Pod pod : pods) {
            String name = pod.getMetadata().getName();
            assertThat(pod.getSpec().getSchedulerName()).isEqualTo("default-scheduler");
            assertThat(events.getItems()).as("Scheduled event of %s", name)
                    .anyMatch(event -> isScheduledEventOf(event, name, pod.getSpec().getNodeName()));
            String containerId = containerId(pod);
            assertThat(cluster.containerdTasks(pod.getSpec().getNodeName())).as("containerd tasks on %s", pod.getSpec().getNodeName())
                    .containsPattern("(?m)^" + containerId + "\\s+\\d+\\s+RUNNING");
        }
    }

    private static boolean isScheduledEventOf(Event event, String pod, String node) {
        return "Scheduled".equals(event.getReason()) && pod.equals(event.getInvolvedObject().getName())
                && event.getMessage() != null && event.getMessage().contains(node);
    }

    /**
     * Requests the ClusterIP from inside {@code node}, 10 requests per pod a round, until a round in which every
     * request succeeded and every pod answered (each answer is a pod's name; a failed request counts as "").
     */
    private void assertServiceReachesAll(String clusterIp, String node, Set<String> pods) {
        Map<String, Long> counts = Poll.until(Duration.ofSeconds(90), "every pod of " + pods + " answers on " + clusterIp, () -> {
            Map<String, Long> round = IntStream.range(0, 10 * pods.size())
                    .mapToObj(i -> cluster.httpGetFromNode(node, "http://" + clusterIp + "/"))
                    .collect(Collectors.groupingBy(body -> body, Collectors.counting()));
            return round.keySet().equals(pods) ? round : null;
        });
        System.out.printf("[e2e] %s from %s: answers per pod %s%n", clusterIp, node, counts);
    }

    private boolean runsOnAnyNode(String containerId) {
        return NODES.stream().anyMatch(node -> cluster.containerdTasks(node).contains(containerId));
    }

    private static Set<String> podNames(List<Pod> pods) {
        return pods.stream().map(pod -> pod.getMetadata().getName()).collect(Collectors.toSet());
    }

    private static List<String> containerIds(List<Pod> pods) {
        return pods.stream().map(LocalClusterEndToEndTest::containerId).toList();
    }

    private static String containerId(Pod pod) {
        String id = pod.getStatus().getContainerStatuses().get(0).getContainerID();
        assertThat(id).as("containerID of %s", pod.getMetadata().getName()).startsWith("containerd://");
        return id.substring("containerd://".length());
    }
}
