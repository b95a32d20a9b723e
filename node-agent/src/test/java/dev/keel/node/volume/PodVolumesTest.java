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
import java.util.List;
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
            .hasMessage("MountVolume.SetUp failed for volume \"cfg\": configmap \"absent\" not found");
        assertThatThrownBy(() -> volumes.prepare(pod("u1", new VolumeBuilder().withName("s").withNewSecret()
            .withSecretName("absent").endSecret().build())))
            .hasMessage("MountVolume.SetUp failed for volume \"s\": secret \"absent\" not found");
        assertThatThrownBy(() -> volumes.prepare(pod("u1", new VolumeBuilder().withName("cfg").withNewConfigMap()
            .withName("settings").addNewItem().withKey("nope").withPath("x").endItem().endConfigMap().build())))
            .hasMessage("couldn't find key nope in ConfigMap shop/settings");
        assertThatThrownBy(() -> volumes.prepare(pod("u1", new VolumeBuilder().withName("d")
            .withNewPersistentVolumeClaim().withClaimName("absent").endPersistentVolumeClaim().build())))
            .hasMessage("persistentvolumeclaim \"absent\" not found");
        Path optional = prepared(pod("u1", new VolumeBuilder().withName("cfg").withNewConfigMap().withName("absent")
            .withOptional(true).endConfigMap().build()), "cfg");
        assertThat(optional).isEmptyDirectory();
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
}
