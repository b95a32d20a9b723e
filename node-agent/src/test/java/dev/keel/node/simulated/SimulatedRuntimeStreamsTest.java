package dev.keel.node.simulated;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.node.cri.v1.ContainerConfig;
import dev.keel.node.cri.v1.ContainerMetadata;
import dev.keel.node.cri.v1.ImageSpec;
import dev.keel.node.cri.v1.PodSandboxConfig;
import dev.keel.node.cri.v1.PodSandboxMetadata;
import dev.keel.node.runtime.ContainerRuntimeException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A hollow node has no streaming server: attach and port-forward fail with that reason, never hang. */
class SimulatedRuntimeStreamsTest {

    private final SimulatedRuntime runtime = new SimulatedRuntime(Clock.systemUTC(), SimulatedBehaviour.runForever(),
        "10.244.9.0/24");

    @Test
    void attachToARunningContainerSaysThereIsNoStreamingServer() {
        String container = runningContainer();
        assertThatThrownBy(() -> runtime.attach(container, true, true, true, false))
            .isInstanceOf(ContainerRuntimeException.class)
            .hasMessage("Attach " + container + ": a simulated runtime has no streaming server");
    }

    @Test
    void attachToAStoppedContainerSaysItIsNotRunning() {
        String container = runningContainer();
        runtime.stopContainer(container, Duration.ZERO);
        assertThatThrownBy(() -> runtime.attach(container, false, true, true, false))
            .isInstanceOf(ContainerRuntimeException.class).hasMessageContaining("container is not running");
    }

    @Test
    void portForwardSaysThereIsNoStreamingServer() {
        String sandbox = runtime.runPodSandbox(sandboxConfig());
        assertThatThrownBy(() -> runtime.portForward(sandbox, List.of(8080)))
            .isInstanceOf(ContainerRuntimeException.class)
            .hasMessageContaining("a simulated runtime has no streaming server");
    }

    @Test
    void portForwardToAMissingSandboxIsNotFound() {
        assertThatThrownBy(() -> runtime.portForward("nope", List.of()))
            .isInstanceOfSatisfying(ContainerRuntimeException.class, e -> e.isNotFound());
    }

    private String runningContainer() {
        PodSandboxConfig sandboxConfig = sandboxConfig();
        String sandbox = runtime.runPodSandbox(sandboxConfig);
        runtime.pullImage("busybox", sandboxConfig);
        String container = runtime.createContainer(sandbox, ContainerConfig.newBuilder()
            .setMetadata(ContainerMetadata.newBuilder().setName("main"))
            .setImage(ImageSpec.newBuilder().setImage("busybox")).build(), sandboxConfig);
        runtime.startContainer(container);
        return container;
    }

    private static PodSandboxConfig sandboxConfig() {
        return PodSandboxConfig.newBuilder().setMetadata(PodSandboxMetadata.newBuilder().setName("p")
            .setNamespace("ns").setUid("u")).build();
    }
}
