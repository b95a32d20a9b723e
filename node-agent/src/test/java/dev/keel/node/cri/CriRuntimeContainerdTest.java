package dev.keel.node.cri;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.node.cri.v1.ContainerConfig;
import dev.keel.node.cri.v1.ContainerFilter;
import dev.keel.node.cri.v1.ContainerMetadata;
import dev.keel.node.cri.v1.ContainerState;
import dev.keel.node.cri.v1.ContainerStatus;
import dev.keel.node.cri.v1.ExecSyncResponse;
import dev.keel.node.cri.v1.ImageSpec;
import dev.keel.node.cri.v1.LinuxContainerConfig;
import dev.keel.node.cri.v1.LinuxContainerSecurityContext;
import dev.keel.node.cri.v1.NamespaceMode;
import dev.keel.node.cri.v1.NamespaceOption;
import dev.keel.node.cri.v1.PodSandboxConfig;
import dev.keel.node.cri.v1.PodSandboxFilter;
import dev.keel.node.cri.v1.PodSandboxMetadata;
import dev.keel.node.cri.v1.PodSandboxState;
import dev.keel.node.cri.v1.PodSandboxStatus;
import dev.keel.node.runtime.ContainerRuntimeException;
import dev.keel.node.testing.ContainerdServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The CRI client against a real containerd that pulls from the local registry and runs runc containers. */
class CriRuntimeContainerdTest {

    private static final String BUSYBOX = "localhost:5000/busybox:1.35";

    private static ContainerdServer containerd;
    private static CriRuntime runtime;

    @BeforeAll
    static void startContainerd() {
        containerd = ContainerdServer.shared();
        runtime = containerd.newClient();
    }

    @AfterAll
    static void closeClient() {
        runtime.close();
    }

    @Test
    void versionNamesContainerdAndTheV1Api() {
        assertThat(runtime.version().getRuntimeName()).isEqualTo("containerd");
        assertThat(runtime.version().getRuntimeApiVersion()).isEqualTo("v1");
    }

    @Test
    void runtimeAndNetworkAreReady() {
        assertThat(runtime.status().getConditionsList())
                .allSatisfy(condition -> assertThat(condition.getStatus()).as(condition.getType()).isTrue());
    }

    @Test
    void missingImageHasNoStatusAndFailsToPull() {
        assertThat(runtime.imageStatus("localhost:5000/no-such-image:1")).isEmpty();
        assertThatThrownBy(() -> runtime.pullImage("localhost:5000/no-such-image:1", PodSandboxConfig.getDefaultInstance()))
                .isInstanceOf(ContainerRuntimeException.class)
                .hasMessageContaining("no-such-image");
    }

    @Test
    void unknownContainerIsNotFound() {
        assertThatThrownBy(() -> runtime.containerStatus("0123456789abcdef"))
                .isInstanceOfSatisfying(ContainerRuntimeException.class, e -> assertThat(e.isNotFound()).isTrue());
    }

    @Test
    void podRunsWithAnIpLogsAndExecsThenCleansUp() throws Exception {
        runtime.pullImage(BUSYBOX, PodSandboxConfig.getDefaultInstance());
        assertThat(runtime.imageStatus(BUSYBOX)).isPresent();

        String uid = UUID.randomUUID().toString();
        Path logs = containerd.config().baseDir().resolve("pods").resolve(uid);
        Files.createDirectories(logs);
        PodSandboxConfig sandboxConfig = PodSandboxConfig.newBuilder()
                .setMetadata(PodSandboxMetadata.newBuilder().setName("hello").setNamespace("default").setUid(uid))
                .setHostname("hello")
                .setLogDirectory(logs.toString())
                .putLabels("keel.dev/pod-uid", uid)
                .build();
        String sandboxId = runtime.runPodSandbox(sandboxConfig);

        PodSandboxStatus sandbox = runtime.podSandboxStatus(sandboxId);
        assertThat(sandbox.getState()).isEqualTo(PodSandboxState.SANDBOX_READY);
        String podRange = containerd.config().podCidr();
        assertThat(sandbox.getNetwork().getIp()).startsWith(podRange.substring(0, podRange.lastIndexOf('.') + 1));

        String containerId = runtime.createContainer(sandboxId, ContainerConfig.newBuilder()
                .setMetadata(ContainerMetadata.newBuilder().setName("main"))
                .setImage(ImageSpec.newBuilder().setImage(BUSYBOX))
                .addAllCommand(List.of("sh", "-c", "trap '' TERM; echo hi; sleep 1000"))
                // Own PID namespace, as the agent asks: the shell is PID 1 of the container.
                .setLinux(LinuxContainerConfig.newBuilder().setSecurityContext(LinuxContainerSecurityContext.newBuilder()
                        .setNamespaceOptions(NamespaceOption.newBuilder().setPid(NamespaceMode.CONTAINER))))
                .setLogPath("main/0.log")
                .putLabels("keel.dev/pod-uid", uid)
                .build(), sandboxConfig);
        runtime.startContainer(containerId);

        assertThat(runtime.containerStatus(containerId).getState()).isEqualTo(ContainerState.CONTAINER_RUNNING);
        Path log = logs.resolve("main/0.log");
        awaitLogLine(log, " stdout F hi");

        ExecSyncResponse exec = runtime.execSync(containerId, List.of("sh", "-c", "echo out; echo err >&2; exit 3"),
                Duration.ofSeconds(10));
        assertThat(exec.getStdout().toStringUtf8()).isEqualTo("out\n");
        assertThat(exec.getStderr().toStringUtf8()).isEqualTo("err\n");
        assertThat(exec.getExitCode()).isEqualTo(3);
        assertThat(runtime.containerStats(containerId).getMemory().getWorkingSetBytes().getValue()).isPositive();
        assertThat(runtime.listContainers(ContainerFilter.newBuilder().putLabelSelector("keel.dev/pod-uid", uid).build()))
                .singleElement().satisfies(container -> assertThat(container.getId()).isEqualTo(containerId));

        // The shell ignores TERM: the runtime must kill it once the grace period is over.
        runtime.stopContainer(containerId, Duration.ofSeconds(1));
        ContainerStatus stopped = runtime.containerStatus(containerId);
        assertThat(stopped.getState()).isEqualTo(ContainerState.CONTAINER_EXITED);
        assertThat(stopped.getExitCode()).isEqualTo(137);

        runtime.removeContainer(containerId);
        runtime.removeContainer(containerId);
        runtime.stopPodSandbox(sandboxId);
        runtime.removePodSandbox(sandboxId);
        runtime.removePodSandbox(sandboxId);
        assertThat(runtime.listPodSandboxes(PodSandboxFilter.newBuilder().putLabelSelector("keel.dev/pod-uid", uid).build()))
                .isEmpty();
    }

    private static void awaitLogLine(Path log, String suffix) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readAllLines(log).stream().anyMatch(line -> line.endsWith(suffix))) {
                return;
            }
            Thread.sleep(50);
        }
        assertThat(Files.exists(log) ? Files.readString(log) : "(no log file " + log + ")").endsWith(suffix);
    }
}
