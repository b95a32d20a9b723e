package dev.keel.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keel.api.testing.PlatformApiServer;
import dev.keel.node.probe.Prober;
import dev.keel.node.simulated.SimulatedBehaviour;
import dev.keel.node.simulated.SimulatedRuntime;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The agent with the simulated runtime against a real platform-api: registration, heartbeat and pod lifecycle. */
class NodeAgentSimulatedTest {

    private static final String NODE = "hollow-1";

    private static final Map<String, Integer> CHECKS = new ConcurrentHashMap<>();
    /** Every command run in a container, in order. */
    private static final List<String> COMMANDS = new CopyOnWriteArrayList<>();

    private static KubernetesClient client;
    private static NodeAgent agent;

    @BeforeAll
    static void startAgent() throws Exception {
        PlatformApiServer api = PlatformApiServer.shared();
        Config config = Config.fromKubeconfig(Files.readString(api.kubeconfig()));
        config.setOnlyHttpWatches(true);
        client = new KubernetesClientBuilder().withConfig(config).build();
        NodeAgentProperties properties = new NodeAgentProperties();
        properties.setName(NODE);
        properties.setPodCidr("10.244.7.0/24");
        properties.getInternalIps().add("10.200.0.7");
        properties.getCapacity().setCpu("4");
        properties.getCapacity().setMemory("8Gi");
        properties.setHeartbeatPeriod(Duration.ofSeconds(1));
        properties.setPodResyncPeriod(Duration.ofMillis(200));
        properties.setLogDirectory(Files.createTempDirectory("keel-node-logs-"));
        properties.setRootDirectory(Files.createTempDirectory("keel-node-root-"));
        // Containers whose image is "exits" end by themselves with code 3 after half a second.
        // Exec probes run "check NAME": they pass while CHECKS holds no other exit code for NAME.
        SimulatedBehaviour behaviour = new SimulatedBehaviour(java.util.Set.of("localhost:5000/missing:1"),
            container -> container.getImage().getImage().endsWith("exits:1")
                ? Optional.of(new SimulatedBehaviour.Exit(Duration.ofMillis(500), 3)) : Optional.empty(),
            (container, command) -> {
                COMMANDS.add(String.join(" ", command));
                return CHECKS.getOrDefault(command.get(command.size() - 1), 0);
            });
        Clock clock = Clock.systemUTC();
        SimulatedRuntime runtime = new SimulatedRuntime(clock, behaviour, properties.getPodCidr());
        agent = new NodeAgent(client, runtime, new Prober(runtime, false), properties, clock);
        agent.start();
    }

    @AfterAll
    static void stopAgent() {
        agent.close();
        client.close();
    }

    @Test
    void registersTheNodeReadyWithCapacityAndPodRange() {
        Node node = client.nodes().withName(NODE).get();
        assertThat(node.getSpec().getPodCIDR()).isEqualTo("10.244.7.0/24");
        assertThat(node.getStatus().getCapacity().get("cpu").toString()).isEqualTo("4");
        assertThat(node.getStatus().getAllocatable().get("memory").toString()).isEqualTo("8Gi");
        assertThat(node.getStatus().getAddresses()).anySatisfy(address -> {
            assertThat(address.getType()).isEqualTo("InternalIP");
            assertThat(address.getAddress()).isEqualTo("10.200.0.7");
        });
        assertThat(condition(node, "Ready")).isEqualTo("True");
    }

    @Test
    void renewsItsLease() {
        String first = client.leases().inNamespace("kube-node-lease").withName(NODE).get().getSpec().getRenewTime()
            .toString();
        await().atMost(Duration.ofSeconds(10)).until(() -> !client.leases().inNamespace("kube-node-lease")
            .withName(NODE).get().getSpec().getRenewTime().toString().equals(first));
    }

    @Test
    void boundPodRunsAndTurnsReadyThenDeletionRemovesIt() {
        client.pods().inNamespace("default").resource(pod("web", "localhost:5000/busybox:1.35")).create();

        Pod running = await().atMost(Duration.ofSeconds(20)).until(() -> get("web"),
            pod -> pod != null && "Running".equals(pod.getStatus().getPhase())
                && "True".equals(podCondition(pod, "Ready")));
        assertThat(running.getStatus().getPodIP()).startsWith("10.244.7.");
        assertThat(running.getStatus().getHostIP()).isEqualTo("10.200.0.7");
        assertThat(podCondition(running, "PodScheduled")).isEqualTo("True");
        assertThat(podCondition(running, "Initialized")).isEqualTo("True");
        assertThat(podCondition(running, "ContainersReady")).isEqualTo("True");
        assertThat(running.getStatus().getContainerStatuses()).singleElement().satisfies(status -> {
            assertThat(status.getState().getRunning()).isNotNull();
            assertThat(status.getContainerID()).startsWith("simulated://");
            assertThat(status.getRestartCount()).isZero();
        });

        client.pods().inNamespace("default").withName("web").delete();
        await().atMost(Duration.ofSeconds(20)).until(() -> get("web") == null);
    }

    @Test
    void initContainersRunFirstThenTheApp() {
        Pod pod = new PodBuilder(pod("with-init", "localhost:5000/busybox:1.35")).editSpec()
            .withRestartPolicy("Never")
            .addNewInitContainer().withName("setup").withImage("localhost:5000/done:1").endInitContainer()
            .endSpec().build();
        client.pods().inNamespace("default").resource(pod).create();
        // "done" images run forever in the simulation unless scripted: the init container blocks the app.
        Pod pending = await().atMost(Duration.ofSeconds(20)).until(() -> get("with-init"),
            current -> current != null && current.getStatus() != null
                && current.getStatus().getInitContainerStatuses() != null
                && !current.getStatus().getInitContainerStatuses().isEmpty()
                && current.getStatus().getInitContainerStatuses().get(0).getState().getRunning() != null);
        assertThat(pending.getStatus().getPhase()).isEqualTo("Pending");
        assertThat(podCondition(pending, "Initialized")).isEqualTo("False");
        assertThat(pending.getStatus().getContainerStatuses()).singleElement()
            .satisfies(status -> assertThat(status.getState().getWaiting()).isNotNull());
        client.pods().inNamespace("default").withName("with-init").delete();
        await().atMost(Duration.ofSeconds(20)).until(() -> get("with-init") == null);
    }

    @Test
    void exitingContainerIsRestartedWithBackOff() {
        client.pods().inNamespace("default").resource(pod("crashes", "localhost:5000/exits:1")).create();
        Pod looping = await().atMost(Duration.ofSeconds(20)).until(() -> get("crashes"),
            pod -> "CrashLoopBackOff".equals(waitingReason(pod)));
        var status = looping.getStatus().getContainerStatuses().get(0);
        // First restart is immediate, the next one waits 10 s: the loop is caught after one restart.
        assertThat(status.getRestartCount()).isEqualTo(1);
        assertThat(status.getLastState().getTerminated().getExitCode()).isEqualTo(3);
        assertThat(looping.getStatus().getPhase()).isEqualTo("Running");
        client.pods().inNamespace("default").withName("crashes").delete();
        await().atMost(Duration.ofSeconds(20)).until(() -> get("crashes") == null);
    }

    @Test
    void imageThatCannotBePulledWaitsWithErrImagePull() {
        client.pods().inNamespace("default").resource(pod("no-image", "localhost:5000/missing:1")).create();
        await().atMost(Duration.ofSeconds(20)).until(() -> get("no-image"),
            pod -> waitingReason(pod) != null && waitingReason(pod).matches("ErrImagePull|ImagePullBackOff"));
        assertThat(get("no-image").getStatus().getPhase()).isEqualTo("Pending");
        client.pods().inNamespace("default").withName("no-image").delete();
        await().atMost(Duration.ofSeconds(20)).until(() -> get("no-image") == null);
    }

    @Test
    void readinessProbeDrivesTheReadyCondition() {
        CHECKS.put("gate", 1);
        Pod pod = new PodBuilder(pod("gated", "localhost:5000/busybox:1.35")).editSpec().editFirstContainer()
            .withNewReadinessProbe().withNewExec().withCommand("check", "gate").endExec().withPeriodSeconds(1)
            .withFailureThreshold(1).endReadinessProbe().endContainer().endSpec().build();
        client.pods().inNamespace("default").resource(pod).create();
        Pod notReady = await().atMost(Duration.ofSeconds(20)).until(() -> get("gated"),
            current -> current != null && current.getStatus() != null && "Running".equals(current.getStatus().getPhase()));
        assertThat(podCondition(notReady, "Ready")).isEqualTo("False");

        CHECKS.put("gate", 0);
        await().atMost(Duration.ofSeconds(20)).until(() -> "True".equals(podCondition(get("gated"), "Ready")));
        CHECKS.put("gate", 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> "False".equals(podCondition(get("gated"), "Ready")));
        assertThat(get("gated").getStatus().getContainerStatuses().get(0).getRestartCount()).isZero();
        client.pods().inNamespace("default").withName("gated").delete();
        await().atMost(Duration.ofSeconds(20)).until(() -> get("gated") == null);
    }

    @Test
    void failingLivenessProbeRestartsTheContainerWithEvents() {
        CHECKS.put("alive", 1);
        Pod pod = new PodBuilder(pod("sick", "localhost:5000/busybox:1.35")).editSpec().editFirstContainer()
            .withNewLivenessProbe().withNewExec().withCommand("check", "alive").endExec().withPeriodSeconds(1)
            .withFailureThreshold(2).endLivenessProbe().endContainer().endSpec().build();
        client.pods().inNamespace("default").resource(pod).create();
        Pod restarted = await().atMost(Duration.ofSeconds(30)).until(() -> get("sick"), current -> current != null
            && current.getStatus() != null && current.getStatus().getContainerStatuses() != null
            && !current.getStatus().getContainerStatuses().isEmpty()
            && current.getStatus().getContainerStatuses().get(0).getRestartCount() >= 1);
        assertThat(restarted.getStatus().getContainerStatuses().get(0).getLastState().getTerminated()).isNotNull();
        String uid = restarted.getMetadata().getUid();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(client.v1().events().inNamespace("default")
            .list().getItems()).filteredOn(event -> uid.equals(event.getInvolvedObject().getUid()))
            .extracting(event -> event.getReason()).contains("Unhealthy", "Killing"));
        client.pods().inNamespace("default").withName("sick").delete();
        await().atMost(Duration.ofSeconds(20)).until(() -> get("sick") == null);
    }

    @Test
    void deletionRunsThePreStopHookBeforeStopping() {
        Pod pod = new PodBuilder(pod("hooked", "localhost:5000/busybox:1.35")).editSpec().editFirstContainer()
            .withNewLifecycle().withNewPreStop().withNewExec().withCommand("say", "goodbye").endExec().endPreStop()
            .endLifecycle().endContainer().endSpec().build();
        client.pods().inNamespace("default").resource(pod).create();
        await().atMost(Duration.ofSeconds(20)).until(() -> "True".equals(podCondition(get("hooked"), "Ready")));
        assertThat(COMMANDS).doesNotContain("say goodbye");
        client.pods().inNamespace("default").withName("hooked").delete();
        await().atMost(Duration.ofSeconds(20)).until(() -> get("hooked") == null);
        assertThat(COMMANDS).contains("say goodbye");
    }

    @Test
    void missingSecretHoldsTheContainerUntilItExists() {
        Pod pod = new PodBuilder(pod("needs-secret", "localhost:5000/busybox:1.35")).editSpec().editFirstContainer()
            .addNewEnv().withName("TOKEN").withNewValueFrom().withNewSecretKeyRef("token", "later-secret", false)
            .endValueFrom().endEnv().endContainer().endSpec().build();
        client.pods().inNamespace("default").resource(pod).create();
        await().atMost(Duration.ofSeconds(20)).until(() -> get("needs-secret"),
            current -> "CreateContainerConfigError".equals(waitingReason(current)));
        client.secrets().inNamespace("default").resource(new io.fabric8.kubernetes.api.model.SecretBuilder()
            .withNewMetadata().withName("later-secret").endMetadata().addToStringData("token", "t").build()).create();
        await().atMost(Duration.ofSeconds(20)).until(() -> "True".equals(podCondition(get("needs-secret"), "Ready")));
        client.pods().inNamespace("default").withName("needs-secret").delete();
        await().atMost(Duration.ofSeconds(20)).until(() -> get("needs-secret") == null);
        client.secrets().inNamespace("default").withName("later-secret").delete();
    }

    private static Pod pod(String name, String image) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
            .withNewSpec().withNodeName(NODE).withTerminationGracePeriodSeconds(5L)
            .addNewContainer().withName("main").withImage(image).withCommand("sh", "-c", "sleep 1000").endContainer()
            .endSpec().build();
    }

    private static Pod get(String name) {
        return client.pods().inNamespace("default").withName(name).get();
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

    private static String podCondition(Pod pod, String type) {
        if (pod == null || pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return null;
        }
        return pod.getStatus().getConditions().stream().filter(condition -> type.equals(condition.getType()))
            .map(PodCondition::getStatus).findFirst().orElse(null);
    }

    private static String condition(Node node, String type) {
        return node.getStatus().getConditions().stream().filter(condition -> type.equals(condition.getType()))
            .map(condition -> condition.getStatus()).findFirst().orElse(null);
    }
}
