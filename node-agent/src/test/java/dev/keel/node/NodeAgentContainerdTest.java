package dev.keel.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.keel.api.testing.PlatformApiServer;
import dev.keel.node.cri.CriRuntime;
import dev.keel.node.cri.v1.ContainerFilter;
import dev.keel.node.cri.v1.PodSandboxFilter;
import dev.keel.node.pod.PodLabels;
import dev.keel.node.probe.Prober;
import dev.keel.node.testing.ContainerdServer;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The agent in CRI mode end to end: a real containerd pulling from the local registry, the in-process platform-api,
 * and pods bound to the node running as runc containers with addresses from the node's range.
 */
class NodeAgentContainerdTest {

    private static final String NODE = "cri-1";
    private static final String BUSYBOX = "localhost:5000/busybox:1.35";
    private static final String NAMESPACE = "default";

    private static ContainerdServer containerd;
    private static CriRuntime runtime;
    private static KubernetesClient client;
    private static NodeAgentProperties properties;
    private static NodeAgent agent;

    @BeforeAll
    static void startAgent() throws Exception {
        containerd = ContainerdServer.shared();
        runtime = containerd.newClient();
        PlatformApiServer api = PlatformApiServer.shared();
        client = new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(Files.readString(api.kubeconfig()))).build();
        properties = new NodeAgentProperties();
        properties.setName(NODE);
        properties.setPodCidr(containerd.config().podCidr());
        properties.getRuntime().setCriSocket(containerd.socket());
        properties.setHeartbeatPeriod(Duration.ofSeconds(2));
        properties.setPodResyncPeriod(Duration.ofMillis(300));
        properties.setLogDirectory(Files.createTempDirectory("keel-node-cri-logs-"));
        properties.setRootDirectory(Files.createTempDirectory("keel-node-cri-root-"));
        agent = startNewAgent();
    }

    @AfterAll
    static void stopAgent() {
        agent.close();
        client.close();
        runtime.close();
    }

    private static NodeAgent startNewAgent() throws InterruptedException {
        NodeAgent started = new NodeAgent(client, runtime, new Prober(runtime, true), properties,
            Clock.systemUTC());
        started.start();
        return started;
    }

    @Test
    void podRunsReadyWithAnAddressFromTheNodeRange() {
        create(pod("ready", "sleep 1000"));
        Pod running = awaitReady("ready");
        String range = containerd.config().podCidr();
        assertThat(running.getStatus().getPodIP()).startsWith(range.substring(0, range.lastIndexOf('.') + 1));
        assertThat(running.getStatus().getContainerStatuses()).singleElement().satisfies(status -> {
            assertThat(status.getContainerID()).startsWith("containerd://");
            assertThat(status.getImageID()).isNotEmpty();
            assertThat(status.getRestartCount()).isZero();
        });
        deleteAndAwaitGone("ready");
    }

    @Test
    void exitingContainerIsRestartedWithBackOff() {
        create(pod("exits", "echo started; exit 3"));
        Pod looping = await().atMost(Duration.ofSeconds(60)).until(() -> get("exits"),
            pod -> "CrashLoopBackOff".equals(waitingReason(pod)));
        var status = looping.getStatus().getContainerStatuses().get(0);
        assertThat(status.getRestartCount()).isGreaterThanOrEqualTo(1);
        assertThat(status.getLastState().getTerminated().getExitCode()).isEqualTo(3);
        assertThat(status.getState().getWaiting().getMessage()).contains("back-off");
        deleteAndAwaitGone("exits");
    }

    @Test
    void deletionStopsAContainerIgnoringTermWithinTheGracePeriod() {
        // The shell ignores TERM: only the KILL at the end of the 2 s grace period stops it.
        Pod pod = new PodBuilder(pod("stubborn", "trap '' TERM; sleep 1000 & wait")).editSpec()
            .withTerminationGracePeriodSeconds(2L).endSpec().build();
        create(pod);
        String uid = awaitReady("stubborn").getMetadata().getUid();
        assertThat(containersOf(uid)).isNotZero();

        long start = System.nanoTime();
        client.pods().inNamespace(NAMESPACE).withName("stubborn").delete();
        await().atMost(Duration.ofSeconds(30)).until(() -> get("stubborn") == null);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(2)).isLessThan(Duration.ofSeconds(15));
        assertThat(containersOf(uid)).isZero();
        assertThat(runtime.listPodSandboxes(PodSandboxFilter.newBuilder()
            .putLabelSelector(PodLabels.POD_UID, uid).build())).isEmpty();
    }

    @Test
    void restartedAgentAdoptsRunningPods() throws Exception {
        create(pod("adopted", "sleep 1000"));
        Pod before = awaitReady("adopted");
        String containerId = before.getStatus().getContainerStatuses().get(0).getContainerID();

        agent.close();
        agent = startNewAgent();
        // A few resync periods of the new agent: it must keep the container, not start another one.
        Thread.sleep(properties.getPodResyncPeriod().multipliedBy(6).toMillis());
        Pod after = awaitReady("adopted");
        assertThat(after.getStatus().getContainerStatuses().get(0).getContainerID()).isEqualTo(containerId);
        assertThat(after.getStatus().getContainerStatuses().get(0).getRestartCount()).isZero();
        assertThat(containersOf(before.getMetadata().getUid())).isEqualTo(1);
        deleteAndAwaitGone("adopted");
    }

    @Test
    void httpReadinessGatesReadyAndTcpLivenessKeepsTheContainer() {
        // httpd answers 404 for /ready until the file appears, 3 s after the start.
        Pod pod = new PodBuilder(pod("web", "mkdir -p /www; httpd -p 8080 -h /www; sleep 3; echo ok > /www/ready; "
            + "sleep 1000")).editSpec().editFirstContainer()
            .addNewPort().withName("http").withContainerPort(8080).endPort()
            .withNewReadinessProbe().withNewHttpGet().withPath("/ready").withNewPort("http").endHttpGet()
            .withPeriodSeconds(1).withFailureThreshold(1).endReadinessProbe()
            .withNewLivenessProbe().withNewTcpSocket().withNewPort(8080).endTcpSocket().withInitialDelaySeconds(1)
            .withPeriodSeconds(1).withFailureThreshold(2).endLivenessProbe()
            .endContainer().endSpec().build();
        create(pod);
        Pod running = await().atMost(Duration.ofSeconds(60)).until(() -> get("web"), current -> current != null
            && current.getStatus() != null && "Running".equals(current.getStatus().getPhase()));
        assertThat(running.getStatus().getConditions()).anySatisfy(condition -> {
            assertThat(condition.getType()).isEqualTo("Ready");
            assertThat(condition.getStatus()).isEqualTo("False");
        });
        Pod ready = awaitReady("web");
        assertThat(ready.getStatus().getContainerStatuses().get(0).getRestartCount()).isZero();
        deleteAndAwaitGone("web");
    }

    @Test
    void failingLivenessExecProbeRestartsTheContainer() {
        create(new PodBuilder(pod("sick", "touch /tmp/healthy; sleep 2; rm /tmp/healthy; sleep 1000")).editSpec()
            .editFirstContainer().withNewLivenessProbe().withNewExec().withCommand("test", "-f", "/tmp/healthy")
            .endExec().withPeriodSeconds(1).withFailureThreshold(1).endLivenessProbe().endContainer().endSpec().build());
        Pod restarted = await().atMost(Duration.ofSeconds(60)).until(() -> get("sick"), current -> current != null
            && current.getStatus() != null && current.getStatus().getContainerStatuses() != null
            && !current.getStatus().getContainerStatuses().isEmpty()
            && current.getStatus().getContainerStatuses().get(0).getRestartCount() >= 1);
        assertThat(restarted.getStatus().getContainerStatuses().get(0).getLastState().getTerminated()).isNotNull();
        String uid = restarted.getMetadata().getUid();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(client.v1().events().inNamespace(NAMESPACE)
            .list().getItems()).filteredOn(event -> uid.equals(event.getInvolvedObject().getUid()))
            .extracting(event -> event.getReason() + ": " + event.getMessage())
            .anyMatch(text -> text.startsWith("Unhealthy: Liveness probe failed:"))
            .contains("Killing: Container main failed liveness probe, will be restarted"));
        deleteAndAwaitGone("sick");
    }

    @Test
    void configuredPodGetsItsEnvMountsLimitsAndPreStopHooks() throws Exception {
        client.configMaps().inNamespace(NAMESPACE).resource(new ConfigMapBuilder().withNewMetadata()
            .withName("app-config").endMetadata().addToData("greeting", "hello from keel").build()).create();
        client.secrets().inNamespace(NAMESPACE).resource(new SecretBuilder().withNewMetadata().withName("app-secret")
            .endMetadata().addToStringData("token", "s3cr3t").build()).create();
        Path marker = Files.createTempDirectory("keel-node-marker-");
        List<String> hookRequests = new CopyOnWriteArrayList<>();
        HttpServer hookServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        hookServer.createContext("/", exchange -> {
            hookRequests.add(exchange.getRequestURI().toString());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        hookServer.start();
        try {
            Pod pod = new PodBuilder(pod("configured", "sleep 1000")).editSpec()
                .addNewVolume().withName("config").withNewConfigMap().withName("app-config").withDefaultMode(0440)
                .addNewItem().withKey("greeting").withPath("greeting.txt").endItem().endConfigMap().endVolume()
                .addNewVolume().withName("marker").withNewHostPath().withPath(marker.toString()).endHostPath().endVolume()
                .editFirstContainer()
                .addNewEnv().withName("TOKEN").withNewValueFrom().withNewSecretKeyRef("token", "app-secret", false)
                .endValueFrom().endEnv()
                .addNewEnv().withName("MY_IP").withNewValueFrom().withNewFieldRef().withFieldPath("status.podIP")
                .endFieldRef().endValueFrom().endEnv()
                .addNewVolumeMount().withName("config").withMountPath("/etc/app").endVolumeMount()
                .addNewVolumeMount().withName("marker").withMountPath("/marker").endVolumeMount()
                .withNewResources().addToLimits("memory", new Quantity("64Mi")).addToLimits("cpu", new Quantity("500m"))
                .endResources()
                .withNewLifecycle().withNewPreStop().withNewExec().withCommand("sh", "-c", "echo bye > /marker/prestop")
                .endExec().endPreStop().endLifecycle()
                .endContainer()
                .addNewContainer().withName("side").withImage(BUSYBOX).withImagePullPolicy("IfNotPresent")
                .withCommand("sleep", "1000").withNewLifecycle().withNewPreStop().withNewHttpGet()
                .withHost("127.0.0.1").withNewPort(hookServer.getAddress().getPort()).withPath("/bye")
                .endHttpGet().endPreStop().endLifecycle().endContainer()
                .endSpec().build();
            create(pod);
            Pod ready = awaitReady("configured");
            String id = ready.getStatus().getContainerStatuses().stream().filter(status -> "main".equals(status.getName()))
                .findFirst().orElseThrow().getContainerID().substring("containerd://".length());

            assertThat(inContainer(id, "cat /etc/app/greeting.txt")).isEqualTo("hello from keel");
            // The visible name is a symlink into ..data, as with the kubelet: the mode is the file's behind it.
            assertThat(inContainer(id, "stat -L -c %a /etc/app/greeting.txt")).isEqualTo("440");
            assertThat(inContainer(id, "echo $TOKEN $MY_IP")).isEqualTo("s3cr3t " + ready.getStatus().getPodIP());
            // cgroup v1 as runc mounts it: the container sees its own memory and CPU controllers.
            assertThat(inContainer(id, "cat /sys/fs/cgroup/memory/memory.limit_in_bytes")).isEqualTo("67108864");
            assertThat(inContainer(id, "cat /sys/fs/cgroup/cpu/cpu.cfs_quota_us")).isEqualTo("50000");

            deleteAndAwaitGone("configured");
            assertThat(Files.readString(marker.resolve("prestop")).strip()).isEqualTo("bye");
            assertThat(hookRequests).containsExactly("/bye");
        } finally {
            hookServer.stop(0);
            client.configMaps().inNamespace(NAMESPACE).withName("app-config").delete();
            client.secrets().inNamespace(NAMESPACE).withName("app-secret").delete();
        }
    }

    @Test
    void missingConfigMapHoldsTheContainerInCreateContainerConfigError() {
        create(new PodBuilder(pod("unconfigured", "sleep 1000")).editSpec().editFirstContainer()
            .addNewEnvFrom().withNewConfigMapRef().withName("later").endConfigMapRef().endEnvFrom()
            .endContainer().endSpec().build());
        Pod waiting = await().atMost(Duration.ofSeconds(30)).until(() -> get("unconfigured"),
            current -> "CreateContainerConfigError".equals(waitingReason(current)));
        assertThat(waiting.getStatus().getContainerStatuses().get(0).getState().getWaiting().getMessage())
            .isEqualTo("configmap \"later\" not found");
        client.configMaps().inNamespace(NAMESPACE).resource(new ConfigMapBuilder().withNewMetadata()
            .withName("later").endMetadata().addToData("k", "v").build()).create();
        awaitReady("unconfigured");
        deleteAndAwaitGone("unconfigured");
        client.configMaps().inNamespace(NAMESPACE).withName("later").delete();
    }

    /** Runs a shell command in the container through the CRI and answers its trimmed standard output. */
    private static String inContainer(String containerId, String script) {
        var response = runtime.execSync(containerId, List.of("sh", "-c", script), Duration.ofSeconds(10));
        assertThat(response.getExitCode()).as(script + ": " + response.getStderr().toStringUtf8()).isZero();
        return response.getStdout().toStringUtf8().strip();
    }

    private static Pod pod(String name, String script) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace(NAMESPACE).endMetadata()
            .withNewSpec().withNodeName(NODE).withTerminationGracePeriodSeconds(1L)
            .addNewContainer().withName("main").withImage(BUSYBOX).withImagePullPolicy("IfNotPresent")
            .withCommand("sh", "-c", script).endContainer()
            .endSpec().build();
    }

    /** Why the pod's first container waits; null while it has no such status. */
    private static String waitingReason(Pod pod) {
        if (pod == null || pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
            || pod.getStatus().getContainerStatuses().isEmpty()) {
            return null;
        }
        var waiting = pod.getStatus().getContainerStatuses().get(0).getState().getWaiting();
        return waiting == null ? null : waiting.getReason();
    }

    private static void create(Pod pod) {
        client.pods().inNamespace(NAMESPACE).resource(pod).create();
    }

    private static Pod get(String name) {
        return client.pods().inNamespace(NAMESPACE).withName(name).get();
    }

    static Pod awaitReady(String name) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> get(name), pod -> pod != null
            && pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase())
            && pod.getStatus().getConditions().stream()
                .anyMatch(condition -> "Ready".equals(condition.getType()) && "True".equals(condition.getStatus())));
    }

    private static void deleteAndAwaitGone(String name) {
        client.pods().inNamespace(NAMESPACE).withName(name).delete();
        await().atMost(Duration.ofSeconds(30)).until(() -> get(name) == null);
    }

    private static int containersOf(String uid) {
        return runtime.listContainers(ContainerFilter.newBuilder().putLabelSelector(PodLabels.POD_UID, uid).build())
            .size();
    }
}
