package dev.keel.node.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.node.cri.v1.Mount;
import dev.keel.node.testing.InMemoryConfigSources;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.time.Clock;
import java.time.Duration;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PodVolumesTest {

    @TempDir
    Path root;

    private final InMemoryConfigSources sources = new InMemoryConfigSources()
        .configMap("shop", "settings", Map.of("mode", "fast", "level", "3"))
        .secret("shop", "credentials", Map.of("token", "s3cr3t"))
        .claim("shop", "data", "claim-uid-1");

    private static Pod pod(String uid, Volume... volumes) {
        return new PodBuilder().withNewMetadata().withName("web").withNamespace("shop").withUid(uid).endMetadata()
            .withNewSpec().withVolumes(volumes).endSpec().build();
    }

    private Path prepared(Pod pod, String volume) throws VolumeUnavailableException {
        return new PodVolumes(root, sources).prepare(pod).get(volume).hostPath();
    }

    private static String mode(Path file) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    @Test
    void configMapKeysBecomeFilesWithTheDefaultMode() throws Exception {
        Path dir = prepared(pod("u1", new VolumeBuilder().withName("cfg").withNewConfigMap().withName("settings")
            .endConfigMap().build()), "cfg");
        assertThat(dir).isEqualTo(root.resolve("pods/u1/volumes/cfg"));
        assertThat(Files.readString(dir.resolve("mode"))).isEqualTo("fast");
        assertThat(Files.readString(dir.resolve("level"))).isEqualTo("3");
        assertThat(mode(dir.resolve("mode"))).isEqualTo("rw-r--r--");
    }

    @Test
    void itemsChooseKeysPathsAndModes() throws Exception {
        Path dir = prepared(pod("u1", new VolumeBuilder().withName("cfg").withNewConfigMap().withName("settings")
            .withDefaultMode(0400).addNewItem().withKey("mode").withPath("conf/mode.txt").endItem()
            .addNewItem().withKey("level").withPath("level").withMode(0600).endItem().endConfigMap().build()), "cfg");
        assertThat(Files.readString(dir.resolve("conf/mode.txt"))).isEqualTo("fast");
        assertThat(mode(dir.resolve("conf/mode.txt"))).isEqualTo("r--------");
        assertThat(mode(dir.resolve("level"))).isEqualTo("rw-------");
        assertThat(dir.resolve("mode")).doesNotExist();
    }

    @Test
    void secretValuesAreWrittenDecoded() throws Exception {
        Path dir = prepared(pod("u1", new VolumeBuilder().withName("creds").withNewSecret()
            .withSecretName("credentials").endSecret().build()), "creds");
        assertThat(Files.readString(dir.resolve("token"))).isEqualTo("s3cr3t");
    }

    @Test
    void aRewriteRemovesFilesOfKeysThatWentAway() throws Exception {
        Pod pod = pod("u1", new VolumeBuilder().withName("cfg").withNewConfigMap().withName("settings").endConfigMap()
            .build());
        Path dir = prepared(pod, "cfg");
        sources.configMap("shop", "settings", Map.of("mode", "slow"));
        prepared(pod, "cfg");
        assertThat(Files.readString(dir.resolve("mode"))).isEqualTo("slow");
        assertThat(dir.resolve("level")).doesNotExist();
    }

    @Test
    void missingSourcesFailTheMountUnlessOptional() throws Exception {
        PodVolumes volumes = new PodVolumes(root, sources);
        assertThatThrownBy(() -> volumes.prepare(pod("u1", new VolumeBuilder().withName("cfg").withNewConfigMap()
            .withName("absent").endConfigMap().build())))
            .hasMessage("MountVolume.SetUp failed for volume \"cfg\" : configmap \"absent\" not found");
        assertThatThrownBy(() -> volumes.prepare(pod("u1", new VolumeBuilder().withName("s").withNewSecret()
            .withSecretName("absent").endSecret().build())))
            .hasMessage("MountVolume.SetUp failed for volume \"s\" : secret \"absent\" not found");
        assertThatThrownBy(() -> volumes.prepare(pod("u1", new VolumeBuilder().withName("cfg").withNewConfigMap()
            .withName("settings").addNewItem().withKey("nope").withPath("x").endItem().endConfigMap().build())))
            .hasMessage("MountVolume.SetUp failed for volume \"cfg\" : configmap references non-existent config key: nope");
        assertThatThrownBy(() -> volumes.prepare(pod("u1", new VolumeBuilder().withName("d")
            .withNewPersistentVolumeClaim().withClaimName("absent").endPersistentVolumeClaim().build())))
            .hasMessage("MountVolume.SetUp failed for volume \"d\" : persistentvolumeclaim \"absent\" not found");
        Path optional = prepared(pod("u1", new VolumeBuilder().withName("cfg").withNewConfigMap().withName("absent")
            .withOptional(true).endConfigMap().build()), "cfg");
        assertThat(optional.resolve("..data")).isSymbolicLink();
        try (var entries = Files.list(optional)) {
            assertThat(entries.map(path -> path.getFileName().toString()).filter(name -> !name.startsWith("..")))
                .isEmpty();
        }
    }

    @Test
    void aClaimKeepsItsDirectoryAcrossPodsAndPodRemoval() throws Exception {
        Volume claim = new VolumeBuilder().withName("d").withNewPersistentVolumeClaim().withClaimName("data")
            .endPersistentVolumeClaim().build();
        PodVolumes volumes = new PodVolumes(root, sources);
        Path first = volumes.prepare(pod("u1", claim)).get("d").hostPath();
        Files.writeString(first.resolve("kept"), "yes");
        volumes.remove("u1");
        Path second = volumes.prepare(pod("u2", claim)).get("d").hostPath();
        assertThat(second).isEqualTo(first).isEqualTo(root.resolve("claims/shop_data_claim-uid-1"));
        assertThat(Files.readString(second.resolve("kept"))).isEqualTo("yes");
    }

    @Test
    void emptyDirIsRemovedWithThePod() throws Exception {
        PodVolumes volumes = new PodVolumes(root, sources);
        Path dir = volumes.prepare(pod("u1", new VolumeBuilder().withName("scratch").withNewEmptyDir().endEmptyDir()
            .build())).get("scratch").hostPath();
        assertThat(mode(dir)).isEqualTo("rwxrwxrwx");
        volumes.remove("u1");
        assertThat(root.resolve("pods/u1")).doesNotExist();
    }

    @Test
    void hostPathTypesAreCheckedOrCreated() throws Exception {
        Path made = root.resolve("host/new-dir");
        assertThat(prepared(pod("u1", new VolumeBuilder().withName("h").withNewHostPath().withPath(made.toString())
            .withType("DirectoryOrCreate").endHostPath().build()), "h")).isEqualTo(made).isDirectory();
        Path file = root.resolve("host/file");
        prepared(pod("u1", new VolumeBuilder().withName("h").withNewHostPath().withPath(file.toString())
            .withType("FileOrCreate").endHostPath().build()), "h");
        assertThat(file).isRegularFile();
        assertThatThrownBy(() -> new PodVolumes(root, sources).prepare(pod("u1", new VolumeBuilder().withName("h")
            .withNewHostPath().withPath(root.resolve("host/missing").toString()).withType("Directory").endHostPath()
            .build()))).hasMessageContaining("is not a directory");
    }

    @Test
    void mountsCarrySubPathAndReadOnlyness() throws Exception {
        PodVolumes volumes = new PodVolumes(root, sources);
        var prepared = volumes.prepare(pod("u1",
            new VolumeBuilder().withName("cfg").withNewConfigMap().withName("settings").endConfigMap().build(),
            new VolumeBuilder().withName("scratch").withNewEmptyDir().endEmptyDir().build()));
        Container container = new ContainerBuilder().withName("main")
            .addNewVolumeMount().withName("cfg").withMountPath("/etc/cfg").endVolumeMount()
            .addNewVolumeMount().withName("scratch").withMountPath("/cache").withSubPath("c").endVolumeMount()
            .addNewVolumeMount().withName("scratch").withMountPath("/ro").withReadOnly(true).endVolumeMount()
            .build();
        List<Mount> mounts = volumes.mounts(container, prepared);
        assertThat(mounts).extracting(Mount::getContainerPath, Mount::getHostPath, Mount::getReadonly).containsExactly(
            org.assertj.core.groups.Tuple.tuple("/etc/cfg", root.resolve("pods/u1/volumes/cfg").toString(), true),
            org.assertj.core.groups.Tuple.tuple("/cache", root.resolve("pods/u1/volumes/scratch/c").toString(), false),
            org.assertj.core.groups.Tuple.tuple("/ro", root.resolve("pods/u1/volumes/scratch").toString(), true));
        assertThat(root.resolve("pods/u1/volumes/scratch/c")).isDirectory();
        Container escaping = new ContainerBuilder().withName("main").addNewVolumeMount().withName("scratch")
            .withMountPath("/x").withSubPath("../../etc").endVolumeMount().build();
        assertThatThrownBy(() -> volumes.mounts(escaping, prepared)).hasMessageContaining("leaves the volume");
        Container unknown = new ContainerBuilder().withName("main").addNewVolumeMount().withName("nope")
            .withMountPath("/x").endVolumeMount().build();
        assertThatThrownBy(() -> volumes.mounts(unknown, prepared)).isInstanceOf(VolumeUnavailableException.class);
    }

    private PodVolumes volumes(MemoryMedium memory, Duration refresh) {
        return new PodVolumes(root, sources, memory, Map.of("cpu", new Quantity("4"), "memory", new Quantity("8Gi")),
            Clock.systemUTC(), refresh);
    }

    private static Pod labelled(String uid, Map<String, String> labels, Volume... volumes) {
        return new PodBuilder(pod(uid, volumes)).editMetadata().withLabels(labels).endMetadata().editSpec()
            .addNewContainer().withName("app").withNewResources().addToLimits("memory", new Quantity("128Mi"))
            .endResources().endContainer().endSpec().build();
    }

    @Test
    void downwardApiFilesFollowThePodsLabels() throws Exception {
        Volume info = new VolumeBuilder().withName("info").withNewDownwardAPI().withDefaultMode(0440)
            .addNewItem().withPath("labels").withNewFieldRef().withFieldPath("metadata.labels").endFieldRef().endItem()
            .addNewItem().withPath("name").withNewFieldRef().withFieldPath("metadata.name").endFieldRef().endItem()
            .addNewItem().withPath("limits/mem").withMode(0400).withNewResourceFieldRef().withContainerName("app")
            .withResource("limits.memory").withDivisor(new Quantity("1Mi")).endResourceFieldRef().endItem()
            .addNewItem().withPath("cpu").withNewResourceFieldRef().withContainerName("app")
            .withResource("limits.cpu").withDivisor(new Quantity("1m")).endResourceFieldRef().endItem()
            .endDownwardAPI().build();
        PodVolumes volumes = volumes(MemoryMedium.DIRECTORY, Duration.ofHours(1));
        Path dir = volumes.prepare(labelled("u1", Map.of("app", "web"), info)).get("info").hostPath();
        assertThat(Files.readString(dir.resolve("labels"))).isEqualTo("app=\"web\"");
        assertThat(Files.readString(dir.resolve("name"))).isEqualTo("web");
        assertThat(Files.readString(dir.resolve("limits/mem"))).isEqualTo("128");
        assertThat(Files.readString(dir.resolve("cpu"))).as("unset limit: the node's allocatable").isEqualTo("4000");
        assertThat(mode(dir.resolve("..data/name"))).isEqualTo("r--r-----");
        assertThat(mode(dir.resolve("..data/limits/mem"))).isEqualTo("r--------");

        volumes.refresh(labelled("u1", Map.of("app", "web", "tier", "front"), info));
        assertThat(Files.readString(dir.resolve("labels"))).as("refreshed at once, whatever the refresh period")
            .isEqualTo("app=\"web\"\ntier=\"front\"");
    }

    @Test
    void projectedVolumesMergeTheirSources() throws Exception {
        Volume all = new VolumeBuilder().withName("all").withNewProjected().withDefaultMode(0600)
            .addNewSource().withNewConfigMap().withName("settings").addNewItem().withKey("mode").withPath("cfg/mode")
            .endItem().endConfigMap().endSource()
            .addNewSource().withNewSecret().withName("credentials").endSecret().endSource()
            .addNewSource().withNewSecret().withName("absent").withOptional(true).endSecret().endSource()
            .addNewSource().withNewDownwardAPI().addNewItem().withPath("ns").withNewFieldRef()
            .withFieldPath("metadata.namespace").endFieldRef().endItem().endDownwardAPI().endSource()
            .endProjected().build();
        Path dir = prepared(pod("u1", all), "all");
        assertThat(Files.readString(dir.resolve("cfg/mode"))).isEqualTo("fast");
        assertThat(Files.readString(dir.resolve("token"))).isEqualTo("s3cr3t");
        assertThat(Files.readString(dir.resolve("ns"))).isEqualTo("shop");
        assertThat(mode(dir.resolve("..data/token"))).isEqualTo("rw-------");
        Volume missing = new VolumeBuilder().withName("p").withNewProjected().addNewSource().withNewConfigMap()
            .withName("absent").endConfigMap().endSource().endProjected().build();
        assertThatThrownBy(() -> prepared(pod("u2", missing), "p"))
            .hasMessage("MountVolume.SetUp failed for volume \"p\" : configmap \"absent\" not found");
    }

    @Test
    void configMapEditsReachRunningPodsOncePerRefreshPeriod() throws Exception {
        Pod pod = pod("u1", new VolumeBuilder().withName("cfg").withNewConfigMap().withName("settings").endConfigMap()
            .build());
        PodVolumes slow = volumes(MemoryMedium.DIRECTORY, Duration.ofHours(1));
        Path dir = slow.prepare(pod).get("cfg").hostPath();
        sources.configMap("shop", "settings", Map.of("mode", "slow"));
        slow.refresh(pod);
        assertThat(Files.readString(dir.resolve("mode"))).as("not due yet").isEqualTo("fast");

        PodVolumes eager = volumes(MemoryMedium.DIRECTORY, Duration.ZERO);
        eager.refresh(pod);
        assertThat(Files.readString(dir.resolve("mode"))).isEqualTo("slow");
        assertThat(Files.exists(dir.resolve("level"), java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();

        sources.configMap("shop", "other", Map.of());
        Pod unprepared = pod("u9", new VolumeBuilder().withName("cfg").withNewConfigMap().withName("settings")
            .endConfigMap().build());
        eager.refresh(unprepared);
        assertThat(root.resolve("pods/u9")).as("refresh leaves pods not set up alone").doesNotExist();
    }

    @Test
    void aSubPathMountKeepsTheFileItStartedWith() throws Exception {
        Pod pod = pod("u1", new VolumeBuilder().withName("cfg").withNewConfigMap().withName("settings").endConfigMap()
            .build());
        PodVolumes volumes = volumes(MemoryMedium.DIRECTORY, Duration.ZERO);
        var prepared = volumes.prepare(pod);
        Container container = new ContainerBuilder().withName("main").addNewVolumeMount().withName("cfg")
            .withMountPath("/etc/mode").withSubPath("mode").endVolumeMount().build();
        Path source = Path.of(volumes.mounts(container, prepared).get(0).getHostPath());
        assertThat(source.getParent().getFileName().toString()).startsWith("..2");
        assertThat(Files.readString(source)).isEqualTo("fast");
    }

    @Test
    void aSubPathMayNotLeaveTheVolumeThroughASymlink() throws Exception {
        PodVolumes volumes = new PodVolumes(root, sources);
        var prepared = volumes.prepare(pod("u1", new VolumeBuilder().withName("scratch").withNewEmptyDir()
            .endEmptyDir().build()));
        Files.createSymbolicLink(prepared.get("scratch").hostPath().resolve("etc"), Path.of("/etc"));
        Container container = new ContainerBuilder().withName("main").addNewVolumeMount().withName("scratch")
            .withMountPath("/x").withSubPath("etc").endVolumeMount().build();
        assertThatThrownBy(() -> volumes.mounts(container, prepared)).hasMessageContaining("through a symlink");
    }

    @Test
    void memoryEmptyDirsAreMountedWithTheirSizeAndReleasedWithThePod() throws Exception {
        List<String> calls = new ArrayList<>();
        MemoryMedium recording = new MemoryMedium() {
            @Override
            public void mount(Path directory, Long sizeBytes) {
                calls.add("mount " + root.relativize(directory) + " " + sizeBytes);
            }

            @Override
            public void unmountUnder(Path podDirectory) {
                calls.add("unmount " + root.relativize(podDirectory));
            }
        };
        PodVolumes volumes = volumes(recording, Duration.ZERO);
        volumes.prepare(pod("u1", new VolumeBuilder().withName("mem").withNewEmptyDir().withMedium("Memory")
            .withSizeLimit(new Quantity("64Mi")).endEmptyDir().build()));
        volumes.remove("u1");
        assertThat(calls).containsExactly("mount pods/u1/volumes/mem 67108864", "unmount pods/u1");
    }

    @Test
    void aDiskEmptyDirOverItsSizeLimitIsReported() throws Exception {
        Pod pod = pod("u1", new VolumeBuilder().withName("scratch").withNewEmptyDir().withSizeLimit(new Quantity("1Ki"))
            .endEmptyDir().build());
        PodVolumes volumes = volumes(MemoryMedium.DIRECTORY, Duration.ZERO);
        Path dir = volumes.prepare(pod).get("scratch").hostPath();
        Files.write(dir.resolve("small"), new byte[1024]);
        assertThat(volumes.sizeLimitExceeded(pod)).isEmpty();
        Files.write(dir.resolve("more"), new byte[1]);
        PodVolumes hourly = volumes(MemoryMedium.DIRECTORY, Duration.ofHours(1));
        assertThat(hourly.sizeLimitExceeded(pod)).isPresent();
        assertThat(hourly.sizeLimitExceeded(pod)).as("measured once per refresh period").isEmpty();
        assertThat(volumes.sizeLimitExceeded(pod))
            .contains("Usage of EmptyDir volume \"scratch\" exceeds the limit \"1Ki\".");
    }

    @Test
    void hostPathTypesMatchWhatIsThere() throws Exception {
        Path socketPath = root.resolve("agent.sock");
        try (var channel = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            channel.bind(java.net.UnixDomainSocketAddress.of(socketPath));
            Path file = Files.writeString(root.resolve("plain"), "x");
            Map<String, String> expectations = new LinkedHashMap<>();
            expectations.put(socketPath + " Socket", null);
            expectations.put("/dev/null CharDevice", null);
            expectations.put(file + " Socket", "hostPath type check failed: " + file + " is not a socket file");
            expectations.put(file + " CharDevice", "hostPath type check failed: " + file + " is not a character device");
            expectations.put("/dev/null BlockDevice", "hostPath type check failed: /dev/null is not a block device");
            expectations.put(file + " Directory", "hostPath type check failed: " + file + " is not a directory");
            expectations.put(file + " DirectoryOrCreate", "hostPath type check failed: " + file + " is not a directory");
            expectations.put(root + " File", "hostPath type check failed: " + root + " is not a file");
            expectations.put(root + " FileOrCreate", "hostPath type check failed: " + root + " is not a file");
            expectations.put(root.resolve("no/such/file") + " FileOrCreate", "hostPath type check failed: cannot create "
                + "file " + root.resolve("no/such/file") + ": its directory does not exist (FileOrCreate does not "
                + "create directories)");
            expectations.put(root.resolve("absent") + " ", null);
            for (var expectation : expectations.entrySet()) {
                String[] pathAndType = expectation.getKey().split(" ", -1);
                Volume volume = new VolumeBuilder().withName("h").withNewHostPath().withPath(pathAndType[0])
                    .withType(pathAndType[1]).endHostPath().build();
                if (expectation.getValue() == null) {
                    assertThat(prepared(pod("u1", volume), "h")).as(expectation.getKey())
                        .isEqualTo(Path.of(pathAndType[0]));
                } else {
                    assertThatThrownBy(() -> prepared(pod("u1", volume), "h")).as(expectation.getKey())
                        .hasMessage("MountVolume.SetUp failed for volume \"h\" : " + expectation.getValue());
                }
            }
        }
    }

    @Test
    void aSubPathThroughAPlantedSymlinkCreatesNothingOutsideTheVolume(@TempDir Path outside) throws Exception {
        PodVolumes volumes = new PodVolumes(root, sources);
        var prepared = volumes.prepare(pod("u1", new VolumeBuilder().withName("scratch").withNewEmptyDir()
            .endEmptyDir().build()));
        Files.createSymbolicLink(prepared.get("scratch").hostPath().resolve("a"), outside);
        Container container = new ContainerBuilder().withName("main").addNewVolumeMount().withName("scratch")
            .withMountPath("/x").withSubPath("a/x/y").endVolumeMount().build();
        assertThatThrownBy(() -> volumes.mounts(container, prepared)).hasMessageContaining("through a symlink");
        assertThat(outside.resolve("x")).as("nothing created through the link").doesNotExist();
    }

    @Test
    void aNestedSubPathIsCreatedInsideTheVolume() throws Exception {
        PodVolumes volumes = new PodVolumes(root, sources);
        var prepared = volumes.prepare(pod("u1", new VolumeBuilder().withName("scratch").withNewEmptyDir()
            .endEmptyDir().build()));
        Path volume = prepared.get("scratch").hostPath();
        Files.createDirectories(volume.resolve("b"));
        Files.createSymbolicLink(volume.resolve("inner"), volume.resolve("b"));
        Container container = new ContainerBuilder().withName("main")
            .addNewVolumeMount().withName("scratch").withMountPath("/x").withSubPath("b/c/d").endVolumeMount()
            .addNewVolumeMount().withName("scratch").withMountPath("/y").withSubPath("inner/e").endVolumeMount()
            .build();
        assertThat(volumes.mounts(container, prepared)).extracting(Mount::getHostPath).containsExactly(
            volume.toRealPath().resolve("b/c/d").toString(), volume.toRealPath().resolve("b/e").toString());
        assertThat(volume.resolve("b/c/d")).isDirectory();
    }

    @Test
    void filesRemovedWhileMeasuringDoNotFailTheMeasurement() throws Exception {
        Pod pod = pod("u1", new VolumeBuilder().withName("scratch").withNewEmptyDir().withSizeLimit(new Quantity("1Gi"))
            .endEmptyDir().build());
        PodVolumes volumes = volumes(MemoryMedium.DIRECTORY, Duration.ZERO);
        Path dir = volumes.prepare(pod).get("scratch").hostPath();
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Thread churn = new Thread(() -> {
            while (!stop.get()) {
                try {
                    for (int i = 0; i < 50; i++) {
                        Files.createDirectories(dir.resolve("d" + i));
                        Files.write(dir.resolve("d" + i).resolve("f"), new byte[10]);
                    }
                    for (int i = 0; i < 50; i++) {
                        Files.deleteIfExists(dir.resolve("d" + i).resolve("f"));
                        Files.deleteIfExists(dir.resolve("d" + i));
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        });
        churn.start();
        try {
            for (int round = 0; round < 2000; round++) {
                assertThat(volumes.sizeLimitExceeded(pod)).isEmpty();
            }
        } finally {
            stop.set(true);
            churn.join();
        }
    }
}
