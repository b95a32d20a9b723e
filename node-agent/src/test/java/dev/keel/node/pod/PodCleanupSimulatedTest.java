package dev.keel.node.pod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keel.api.testing.PlatformApiServer;
import dev.keel.node.NodeAgent;
import dev.keel.node.NodeAgentProperties;
import dev.keel.node.cri.v1.PodSandbox;
import dev.keel.node.cri.v1.PodSandboxFilter;
import dev.keel.node.cri.v1.PodSandboxState;
import dev.keel.node.probe.Prober;
import dev.keel.node.server.logs.ContainerLogFiles;
import dev.keel.node.simulated.SimulatedBehaviour;
import dev.keel.node.simulated.SimulatedRuntime;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a pod leaves on the node once it ended or went away: an agent on the simulated runtime against the suite's
 * platform-api, its pod directories on a real filesystem.
 */
class PodCleanupSimulatedTest {

    private static final String NODE = "cleanup-sim";
    private static final String NAMESPACE = "cleanup";

    private static KubernetesClient client;
    private static NodeAgentProperties properties;
    private static SimulatedRuntime runtime;
    private static NodeAgent agent;

    @BeforeAll
    static void start() throws Exception {
        PlatformApiServer api = PlatformApiServer.shared();
        client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(api.kubeconfig())))
            .build();
        properties = new NodeAgentProperties();
        properties.setName(NODE);
        properties.setPodCidr("10.244.6.0/24");
        properties.getInternalIps().add("127.0.0.1");
        properties.setHeartbeatPeriod(Duration.ofSeconds(1));
        properties.setPodResyncPeriod(Duration.ofMillis(200));
        properties.setLogDirectory(Files.createTempDirectory("keel-cleanup-logs-"));
        properties.setRootDirectory(Files.createTempDirectory("keel-cleanup-root-"));
        properties.getRuntime().setType("simulated");
        // Containers named "job" exit with 0 as soon as they started; the others run until stopped.
        runtime = new SimulatedRuntime(Clock.systemUTC(), new SimulatedBehaviour(Set.of(), config ->
            "job".equals(config.getMetadata().getName())
                ? Optional.of(new SimulatedBehaviour.Exit(Duration.ZERO, 0)) : Optional.empty()),
            properties.getPodCidr());
        agent = new NodeAgent(client, runtime, new Prober(runtime, false), properties, Clock.systemUTC());
        agent.start();
        if (client.namespaces().withName(NAMESPACE).get() == null) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata()
                .build()).create();
        }
    }

    @AfterAll
    static void stop() {
        agent.close();
        client.close();
    }

    @Test
    void aCompletedPodReleasesItsVolumesAndSandboxButKeepsItsLogs() throws Exception {
        Pod pod = create("finished", "job", "Never");
        String uid = pod.getMetadata().getUid();
        await().atMost(Duration.ofSeconds(30)).until(() -> phase("finished"), "Succeeded"::equals);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(podDirectory(uid)).as("volumes removed").doesNotExist();
            assertThat(sandboxes(uid)).extracting(PodSandbox::getState)
                .containsExactly(PodSandboxState.SANDBOX_NOTREADY);
        });
        // The stopped sandbox still names the pod's UID, so the log files are found (kubectl logs of a done pod).
        Path logs = properties.getLogDirectory().resolve(NAMESPACE + "_finished_" + uid).resolve("job");
        Files.createDirectories(logs);
        Files.writeString(logs.resolve("0.log"), "2026-01-01T00:00:00Z stdout F done\n");
        assertThat(new ContainerLogFiles(runtime, properties.getLogDirectory(), NAMESPACE, "finished", "job").files())
            .containsExactly(logs.resolve("0.log"));
    }

    @Test
    void aVolumeRemovalThatFailedIsRetriedAfterTheSandboxIsGone() throws Exception {
        Pod pod = create("stuck", "app", "Always");
        String uid = pod.getMetadata().getUid();
        await().atMost(Duration.ofSeconds(30)).until(() -> phase("stuck"), "Running"::equals);
        Path pinned = podDirectory(uid).resolve("volumes/scratch/pinned");
        Files.writeString(pinned, "x");
        chattr("+i", pinned);
        try {
            client.pods().inNamespace(NAMESPACE).withName("stuck").withGracePeriod(0).delete();
            await().atMost(Duration.ofSeconds(30)).until(() -> sandboxes(uid).isEmpty());
        } finally {
            chattr("-i", pinned);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(podDirectory(uid)).doesNotExist();
            assertThat(client.pods().inNamespace(NAMESPACE).withName("stuck").get()).isNull();
        });
    }

    @Test
    void directoriesOfPodsNoLongerKnownAreSweptAway() throws Exception {
        Pod pod = create("kept", "app", "Always");
        await().atMost(Duration.ofSeconds(30)).until(() -> phase("kept"), "Running"::equals);
        Path orphan = Files.createDirectories(podDirectory("00000000-orphan").resolve("volumes/scratch"));
        Files.writeString(orphan.resolve("left"), "behind");
        await().atMost(Duration.ofSeconds(30)).until(() -> !Files.exists(podDirectory("00000000-orphan")));
        assertThat(podDirectory(pod.getMetadata().getUid()).resolve("volumes/scratch")).isDirectory();
    }

    private static Pod create(String name, String container, String restartPolicy) {
        return client.pods().inNamespace(NAMESPACE).resource(new PodBuilder().withNewMetadata().withName(name)
            .endMetadata().withNewSpec().withNodeName(NODE).withRestartPolicy(restartPolicy)
            .addNewVolume().withName("scratch").withNewEmptyDir().endEmptyDir().endVolume()
            .addNewContainer().withName(container).withImage("localhost:5000/busybox:1.35")
            .addNewVolumeMount().withName("scratch").withMountPath("/scratch").endVolumeMount().endContainer()
            .endSpec().build()).create();
    }

    private static String phase(String name) {
        Pod pod = client.pods().inNamespace(NAMESPACE).withName(name).get();
        return pod == null || pod.getStatus() == null ? null : pod.getStatus().getPhase();
    }

    private static Path podDirectory(String uid) {
        return properties.getRootDirectory().resolve("pods").resolve(uid);
    }

    private static List<PodSandbox> sandboxes(String uid) {
        return runtime.listPodSandboxes(PodSandboxFilter.newBuilder().putLabelSelector(PodLabels.POD_UID, uid)
            .build());
    }

    private static void chattr(String flag, Path file) throws Exception {
        Process process = new ProcessBuilder("chattr", flag, file.toString()).inheritIO().start();
        assertThat(process.waitFor()).as("chattr " + flag).isZero();
    }
}
