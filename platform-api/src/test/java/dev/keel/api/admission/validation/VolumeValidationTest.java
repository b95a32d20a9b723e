package dev.keel.api.admission.validation;

import static dev.keel.api.admission.Fixtures.pod;
import static dev.keel.api.admission.Fixtures.workload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keel.api.admission.Plugins;
import dev.keel.api.admission.Requests;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Volume kinds keel cannot mount are refused with a 422 naming them; the ones it can are checked field by field. */
class VolumeValidationTest {

    private static final String SUPPORTED = "supported volume types: configMap, downwardAPI, emptyDir, hostPath, "
            + "persistentVolumeClaim, projected, secret";

    private static Pod podWith(Volume... volumes) {
        return pod().container("web", "busybox").spec(spec -> spec.setVolumes(List.of(volumes))).build();
    }

    private static Arguments volume(String title, Function<VolumeBuilder, VolumeBuilder> edit, String... errors) {
        return arguments(title, edit.apply(new VolumeBuilder().withName("v")).build(), List.of(errors));
    }

    static Stream<Arguments> volumes() {
        return Stream.of(
                volume("emptyDir in memory with a size", v -> v.withNewEmptyDir().withMedium("Memory")
                        .withSizeLimit(new Quantity("64Mi")).endEmptyDir()),
                volume("emptyDir on huge pages", v -> v.withNewEmptyDir().withMedium("HugePages").endEmptyDir(),
                        "spec.volumes[0].emptyDir.medium: Unsupported value: \"HugePages\": supported values: \"\", \"Memory\""),
                volume("nfs", v -> v.withNewNfs().withServer("10.0.0.1").withPath("/export").endNfs(),
                        "spec.volumes[0].nfs: Forbidden: keel cannot mount nfs volumes; " + SUPPORTED),
                volume("iscsi", v -> v.withNewIscsi().withTargetPortal("10.0.0.1:3260").withIqn("iqn.x").withLun(0).endIscsi(),
                        "spec.volumes[0].iscsi: Forbidden: keel cannot mount iscsi volumes; " + SUPPORTED),
                volume("csi", v -> v.withNewCsi().withDriver("x.example.com").endCsi(),
                        "spec.volumes[0].csi: Forbidden: keel cannot mount csi volumes; " + SUPPORTED),
                volume("generic ephemeral", v -> v.withNewEphemeral().endEphemeral(),
                        "spec.volumes[0].ephemeral: Forbidden: keel cannot mount ephemeral volumes; " + SUPPORTED),
                volume("hostPath of every type", v -> v.withNewHostPath().withPath("/run/x.sock").withType("Socket").endHostPath()),
                volume("hostPath of an unknown type", v -> v.withNewHostPath().withPath("/x").withType("Fifo").endHostPath(),
                        "spec.volumes[0].hostPath.type: Unsupported value: \"Fifo\": supported values: \"\", \"BlockDevice\", "
                                + "\"CharDevice\", \"Directory\", \"DirectoryOrCreate\", \"File\", \"FileOrCreate\", \"Socket\""),
                volume("downwardAPI of labels and a limit", v -> v.withNewDownwardAPI()
                        .addNewItem().withPath("labels").withNewFieldRef().withFieldPath("metadata.labels").endFieldRef().endItem()
                        .addNewItem().withPath("mem").withNewResourceFieldRef().withContainerName("web")
                        .withResource("limits.memory").withDivisor(new Quantity("1Mi")).endResourceFieldRef().endItem()
                        .endDownwardAPI()),
                volume("downwardAPI of a field only env has", v -> v.withNewDownwardAPI()
                        .addNewItem().withPath("node").withNewFieldRef().withFieldPath("spec.nodeName").endFieldRef().endItem()
                        .endDownwardAPI(),
                        "spec.volumes[0].downwardAPI.items[0].fieldRef.fieldPath: Unsupported value: \"spec.nodeName\": "
                                + "supported values: \"metadata.annotations\", \"metadata.labels\", \"metadata.name\", "
                                + "\"metadata.namespace\", \"metadata.uid\""),
                volume("downwardAPI resource without its container", v -> v.withNewDownwardAPI()
                        .addNewItem().withPath("cpu").withNewResourceFieldRef().withResource("limits.cpu")
                        .endResourceFieldRef().endItem().endDownwardAPI(),
                        "spec.volumes[0].downwardAPI.items[0].resourceFieldRef.containerName: Required value"),
                volume("downwardAPI item leaving the volume", v -> v.withNewDownwardAPI()
                        .addNewItem().withPath("../name").withNewFieldRef().withFieldPath("metadata.name").endFieldRef().endItem()
                        .endDownwardAPI(),
                        "spec.volumes[0].downwardAPI.items[0].path: Invalid value: \"../name\": must not contain '..'",
                        "spec.volumes[0].downwardAPI.items[0].path: Invalid value: \"../name\": must not start with '..'"),
                volume("projected configMap, secret and downwardAPI", v -> v.withNewProjected().withDefaultMode(0440)
                        .addNewSource().withNewConfigMap().withName("cm").addNewItem().withKey("a").withPath("a").endItem()
                        .endConfigMap().endSource()
                        .addNewSource().withNewSecret().withName("s").endSecret().endSource()
                        .addNewSource().withNewDownwardAPI().addNewItem().withPath("name").withNewFieldRef()
                        .withFieldPath("metadata.name").endFieldRef().endItem().endDownwardAPI().endSource()
                        .endProjected()),
                volume("projected service account token", v -> v.withNewProjected()
                        .addNewSource().withNewServiceAccountToken().withPath("token").endServiceAccountToken().endSource()
                        .endProjected(),
                        "spec.volumes[0].projected.sources[0].serviceAccountToken: Forbidden: keel does not issue service "
                                + "account tokens yet; projected sources supported: configMap, secret, downwardAPI"),
                volume("projected files at one path", v -> v.withNewProjected()
                        .addNewSource().withNewConfigMap().withName("cm").addNewItem().withKey("a").withPath("x").endItem()
                        .endConfigMap().endSource()
                        .addNewSource().withNewDownwardAPI().addNewItem().withPath("x").withNewFieldRef()
                        .withFieldPath("metadata.name").endFieldRef().endItem().endDownwardAPI().endSource()
                        .endProjected(),
                        "spec.volumes[0].projected.sources[1].downwardAPI.items[0].path: Invalid value: \"x\": "
                                + "conflicting duplicate paths"),
                volume("projected source of no kind", v -> v.withNewProjected().addNewSource().endSource().endProjected(),
                        "spec.volumes[0].projected.sources[0]: Required value: must specify exactly 1 of: configMap, "
                                + "secret, downwardAPI"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("volumes")
    void validatesPodVolumes(String title, Volume volume, List<String> expected) {
        assertThat(Plugins.admit(Requests.create(podWith(volume)))).containsExactlyElementsOf(expected);
    }

    static Stream<Arguments> workloads() {
        Volume nfs = new VolumeBuilder().withName("data").withNewNfs().withServer("nfs.example.com").withPath("/")
                .endNfs().build();
        String expected = "spec.template.spec.volumes[0].nfs: Forbidden: keel cannot mount nfs volumes; " + SUPPORTED;
        return Stream.of(
                arguments("deployment", (Supplier<HasMetadata>) () -> workload()
                        .template(pod -> pod.spec(spec -> spec.setVolumes(List.of(nfs)))).deployment(), expected),
                arguments("stateful set", (Supplier<HasMetadata>) () -> workload()
                        .template(pod -> pod.spec(spec -> spec.setVolumes(List.of(nfs)))).statefulSet(), expected),
                arguments("daemon set", (Supplier<HasMetadata>) () -> workload()
                        .template(pod -> pod.spec(spec -> spec.setVolumes(List.of(nfs)))).daemonSet(), expected),
                arguments("job", (Supplier<HasMetadata>) () -> workload()
                        .template(pod -> pod.spec(spec -> spec.setVolumes(List.of(nfs)))).job(), expected));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("workloads")
    void refusesUnmountableVolumesInTemplates(String title, Supplier<HasMetadata> object, String expected) {
        assertThat(Plugins.admit(Requests.create(object.get()))).containsExactly(expected);
    }

    @Test
    void namesEveryUnmountableVolume() {
        Pod pod = podWith(new VolumeBuilder().withName("a").withNewEmptyDir().endEmptyDir().build(),
                new VolumeBuilder().withName("b").withNewGitRepo().withRepository("https://example.com/x.git").endGitRepo().build());
        assertThat(Plugins.admit(Requests.create(pod)))
                .containsExactly("spec.volumes[1].gitRepo: Forbidden: keel cannot mount gitRepo volumes; " + SUPPORTED);
    }

    private static final Volume NFS = new VolumeBuilder().withName("data").withNewNfs().withServer("nfs.example.com")
            .withPath("/").endNfs().build();

    /** What the server stored: the object as defaulting left it. */
    private static <T extends HasMetadata> T stored(T object) {
        Plugins.defaulted(Requests.create(object));
        return object;
    }

    @Test
    void aStoredPodWithAnUnmountableVolumeCanStillBeLabelledAndFinalized() {
        Pod old = stored(podWith(NFS));
        old.getMetadata().setFinalizers(List.of("example.com/keep"));
        Pod updated = stored(podWith(NFS));
        updated.getMetadata().setLabels(Map.of("app", "web"));

        assertThat(Plugins.admit(Requests.update(updated, old))).isEmpty();
    }

    static Stream<Arguments> storedWorkloads() {
        Volume other = new VolumeBuilder().withName("more").withNewNfs().withServer("nfs.example.com").withPath("/more")
                .endNfs().build();
        Volume moved = new VolumeBuilder().withName("data").withNewNfs().withServer("nfs.example.com").withPath("/moved")
                .endNfs().build();
        return Stream.of(
                arguments("deployment", (Function<List<Volume>, HasMetadata>) volumes -> workload()
                        .template(pod -> pod.spec(spec -> spec.setVolumes(volumes))).deployment(), other, moved),
                arguments("replica set", (Function<List<Volume>, HasMetadata>) volumes -> workload()
                        .template(pod -> pod.spec(spec -> spec.setVolumes(volumes))).replicaSet(), other, moved),
                arguments("stateful set", (Function<List<Volume>, HasMetadata>) volumes -> workload()
                        .template(pod -> pod.spec(spec -> spec.setVolumes(volumes))).statefulSet(), other, moved),
                arguments("daemon set", (Function<List<Volume>, HasMetadata>) volumes -> workload()
                        .template(pod -> pod.spec(spec -> spec.setVolumes(volumes))).daemonSet(), other, moved),
                arguments("job", (Function<List<Volume>, HasMetadata>) volumes -> workload()
                        .template(pod -> pod.spec(spec -> spec.setVolumes(volumes))).job(), other, moved));
    }

    /** Ratcheting, as upstream does when a rule tightens: volumes kept as stored pass, new or changed ones are checked. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("storedWorkloads")
    void aStoredTemplateKeepsItsUnmountableVolumeButCannotAddOrChangeOne(String title,
            Function<List<Volume>, HasMetadata> workload, Volume other, Volume moved) {
        HasMetadata old = stored(workload.apply(List.of(NFS)));
        HasMetadata labelled = new ObjectMapper().convertValue(old, old.getClass());
        labelled.getMetadata().setLabels(Map.of("tier", "web"));
        HasMetadata added = stored(workload.apply(List.of(NFS, other)));
        HasMetadata changed = stored(workload.apply(List.of(moved)));

        assertThat(Plugins.admit(Requests.update(labelled, old))).isEmpty();
        // A job's template is immutable anyway: its answers carry that error too.
        assertThat(Plugins.admit(Requests.update(added, old))).contains(
                "spec.template.spec.volumes[1].nfs: Forbidden: keel cannot mount nfs volumes; " + SUPPORTED)
                .doesNotContain("spec.template.spec.volumes[0].nfs: Forbidden: keel cannot mount nfs volumes; "
                        + SUPPORTED);
        assertThat(Plugins.admit(Requests.update(changed, old))).contains(
                "spec.template.spec.volumes[0].nfs: Forbidden: keel cannot mount nfs volumes; " + SUPPORTED);
    }
}
