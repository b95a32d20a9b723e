package dev.keel.node.logrotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.node.cri.v1.ContainerConfig;
import dev.keel.node.cri.v1.ContainerMetadata;
import dev.keel.node.cri.v1.ImageSpec;
import dev.keel.node.cri.v1.PodSandboxConfig;
import dev.keel.node.cri.v1.PodSandboxMetadata;
import dev.keel.node.simulated.SimulatedBehaviour;
import dev.keel.node.simulated.SimulatedRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rotation on real files with the simulated runtime, whose ReopenContainerLog creates the new live file as
 * containerd's does: names, compression, the oldest removed, a failed reopen renaming the file back.
 */
class ContainerLogRotatorTest {

    private static final Instant T0 = Instant.parse("2026-12-07T17:00:00Z");

    @TempDir
    Path logs;

    private SimulatedRuntime runtime;
    private String containerId;
    private Path live;

    @BeforeEach
    void startContainer() {
        runtime = new SimulatedRuntime(Clock.systemUTC(), SimulatedBehaviour.runForever(), "10.250.0.0/24");
        PodSandboxConfig sandbox = PodSandboxConfig.newBuilder()
            .setMetadata(PodSandboxMetadata.newBuilder().setName("chatty").setNamespace("default").setUid("u1"))
            .setLogDirectory(logs.toString()).build();
        String sandboxId = runtime.runPodSandbox(sandbox);
        runtime.pullImage("busybox", sandbox);
        containerId = runtime.createContainer(sandboxId, ContainerConfig.newBuilder()
            .setMetadata(ContainerMetadata.newBuilder().setName("main"))
            .setImage(ImageSpec.newBuilder().setImage("busybox")).setLogPath("main/0.log").build(), sandbox);
        runtime.startContainer(containerId);
        live = logs.resolve("main/0.log");
    }

    @Test
    void rotationsRenameCompressAndKeepAtMostMaxFiles() throws Exception {
        LogRotationPolicy policy = new LogRotationPolicy(10, 4);
        Files.createDirectories(live.getParent());
        for (int round = 0; round < 5; round++) {
            Files.writeString(live, "round " + round + "\n");
            Path rotated = rotator(policy, T0.plusSeconds(round)).rotate(containerId, "container main", live);
            assertThat(rotated.getFileName().toString()).isEqualTo("0.log.20261207-17000" + round);
            // The runtime opened a new, empty live file.
            assertThat(live).exists().isEmptyFile();
        }
        // 4 files: the live one, the newest rotated one as it is, the two before it compressed.
        assertThat(names()).containsExactly("0.log", "0.log.20261207-170002.gz", "0.log.20261207-170003.gz",
            "0.log.20261207-170004");
        assertThat(gunzip(live.resolveSibling("0.log.20261207-170002.gz"))).isEqualTo("round 2\n");
        assertThat(Files.readString(live.resolveSibling("0.log.20261207-170004"))).isEqualTo("round 4\n");
    }

    @Test
    void aSecondRotationInTheSameSecondWaitsForTheNextRound() throws Exception {
        LogRotationPolicy policy = new LogRotationPolicy(1, 5);
        Files.createDirectories(live.getParent());
        Files.writeString(live, "first\n");
        assertThat(rotator(policy, T0).rotate(containerId, "container main", live)).isNotNull();
        Files.writeString(live, "second\n");
        assertThat(rotator(policy, T0).rotate(containerId, "container main", live)).isNull();
        assertThat(Files.readString(live)).isEqualTo("second\n");
    }

    @Test
    void aFailedReopenRenamesTheFileBackAndNamesTheContainer() throws Exception {
        Files.createDirectories(live.getParent());
        Files.writeString(live, "kept\n");
        runtime.stopContainer(containerId, Duration.ZERO);
        assertThatThrownBy(() -> rotator(new LogRotationPolicy(1, 5), T0).rotate(containerId,
            "container main of pod default/chatty", live))
            .isInstanceOf(LogRotationException.class)
            .hasMessageContaining("container main of pod default/chatty")
            .hasMessageContaining("did not reopen")
            .satisfies(e -> assertThat(e.getCause()).hasMessageContaining("not running"));
        assertThat(names()).containsExactly("0.log");
        assertThat(Files.readString(live)).isEqualTo("kept\n");
    }

    @Test
    void theManagerRotatesRunningContainersDueAndReopensAMissingFile() throws Exception {
        LogRotationPolicy policy = new LogRotationPolicy(100, 5);
        ContainerLogManager manager = new ContainerLogManager(runtime, policy, rotator(policy, T0),
            Duration.ofSeconds(1));
        // No live file yet (as after a rotation the agent did not finish): the runtime is asked to reopen it.
        Files.createDirectories(live.getParent());
        manager.checkAll();
        assertThat(names()).containsExactly("0.log");
        Files.writeString(live, "x".repeat(99) + "\n");
        manager.checkAll();
        assertThat(names()).containsExactly("0.log", "0.log.20261207-170000");
        Files.writeString(live, "small\n");
        manager.checkAll();
        assertThat(names()).containsExactly("0.log", "0.log.20261207-170000");
    }

    @Test
    void theManagerDoesNotRecreateALogDirectoryRemovedWithItsPod() {
        LogRotationPolicy policy = new LogRotationPolicy(100, 5);
        new ContainerLogManager(runtime, policy, rotator(policy, T0), Duration.ofSeconds(1)).checkAll();
        assertThat(live.getParent()).as("a round racing the pod's teardown").doesNotExist();
    }

    private ContainerLogRotator rotator(LogRotationPolicy policy, Instant now) {
        return new ContainerLogRotator(runtime, policy, Clock.fixed(now, ZoneOffset.UTC));
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(live.getParent())) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    private static String gunzip(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
