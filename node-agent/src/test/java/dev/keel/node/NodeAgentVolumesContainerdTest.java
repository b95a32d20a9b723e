package dev.keel.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keel.api.testing.PlatformApiServer;
import dev.keel.node.cri.CriRuntime;
import dev.keel.node.probe.Prober;
import dev.keel.node.testing.ContainerdServer;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Volumes and the downward API on a real containerd: what the container sees (files, symlinks, modes, tmpfs,
 * environment), refreshes while it runs, and mounts that cannot happen.
 */
class NodeAgentVolumesContainerdTest {

    private static final String NODE = "cri-volumes";
    private static final String NAMESPACE = "volumes-cri";
    private static final String BUSYBOX = "localhost:5000/busybox:1.35";

    private static CriRuntime runtime;
    private static KubernetesClient client;
    private static NodeAgentProperties properties;
    private static NodeAgent agent;

    @BeforeAll
    static void startAgent() throws Exception {
        ContainerdServer containerd = ContainerdServer.shared();
        runtime = containerd.newClient();
        PlatformApiServer api = PlatformApiServer.shared();
        client = new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(Files.readString(api.kubeconfig()))).build();
        properties = containerd.nodeProperties(NODE, "volumes");
        properties.getCapacity().setCpu("3");
        properties.getCapacity().setMemory("6Gi");
        properties.setVolumeRefreshPeriod(Duration.ofSeconds(1));
        agent = new NodeAgent(client, runtime, new Prober(runtime, true), properties, Clock.systemUTC());
        agent.start();
        if (client.namespaces().withName(NAMESPACE).get() == null) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata()
                .build()).create();
        }
    }

    @AfterAll
    static void stopAgent() {
        agent.close();
        client.close();
        runtime.close();
    }

    @Test
    void downwardApiEnvAndFilesFollowThePod() {
        Pod pod = new PodBuilder(pod("downward")).editMetadata().addToLabels("app", "shop")
            .addToAnnotations("owner", "team \"a\"").endMetadata().editSpec().editFirstContainer()
            .withNewResources().addToRequests("cpu", new Quantity("250m")).addToLimits("memory", new Quantity("64Mi"))
            .endResources()
            .addNewEnv().withName("POD_NAME").withNewValueFrom().withNewFieldRef().withFieldPath("metadata.name")
            .endFieldRef().endValueFrom().endEnv()
            .addNewEnv().withName("POD_NAMESPACE").withNewValueFrom().withNewFieldRef()
            .withFieldPath("metadata.namespace").endFieldRef().endValueFrom().endEnv()
            .addNewEnv().withName("APP").withNewValueFrom().withNewFieldRef().withFieldPath("metadata.labels['app']")
            .endFieldRef().endValueFrom().endEnv()
            .addNewEnv().withName("NODE").withNewValueFrom().withNewFieldRef().withFieldPath("spec.nodeName")
            .endFieldRef().endValueFrom().endEnv()
            .addNewEnv().withName("SA").withNewValueFrom().withNewFieldRef().withFieldPath("spec.serviceAccountName")
            .endFieldRef().endValueFrom().endEnv()
            .addNewEnv().withName("HOST_IPS").withNewValueFrom().withNewFieldRef().withFieldPath("status.hostIPs")
            .endFieldRef().endValueFrom().endEnv()
            .addNewEnv().withName("MEM_MI").withNewValueFrom().withNewResourceFieldRef().withResource("limits.memory")
            .withDivisor(new Quantity("1Mi")).endResourceFieldRef().endValueFrom().endEnv()
            .addNewEnv().withName("CPU_M").withNewValueFrom().withNewResourceFieldRef().withResource("requests.cpu")
            .withDivisor(new Quantity("1m")).endResourceFieldRef().endValueFrom().endEnv()
            .addNewEnv().withName("CPU_LIMIT").withNewValueFrom().withNewResourceFieldRef().withResource("limits.cpu")
            .endResourceFieldRef().endValueFrom().endEnv()
            .addNewVolumeMount().withName("info").withMountPath("/etc/podinfo").endVolumeMount()
            .endContainer()
            .addNewVolume().withName("info").withNewDownwardAPI().withDefaultMode(0444)
            .addNewItem().withPath("labels").withNewFieldRef().withFieldPath("metadata.labels").endFieldRef().endItem()
            .addNewItem().withPath("annotations").withNewFieldRef().withFieldPath("metadata.annotations").endFieldRef()
            .endItem()
            .addNewItem().withPath("uid").withNewFieldRef().withFieldPath("metadata.uid").endFieldRef().endItem()
            .addNewItem().withPath("mem").withNewResourceFieldRef().withContainerName("main")
            .withResource("limits.memory").withDivisor(new Quantity("1Mi")).endResourceFieldRef().endItem()
            .endDownwardAPI().endVolume()
            .endSpec().build();
        create(pod);
        Pod ready = awaitReady("downward");
        String id = containerId(ready);

        assertThat(inContainer(id, "echo $POD_NAME $POD_NAMESPACE $APP $NODE $SA $HOST_IPS"))
            .isEqualTo("downward " + NAMESPACE + " shop " + NODE + " default 127.0.0.1");
        assertThat(inContainer(id, "echo $MEM_MI $CPU_M $CPU_LIMIT")).as("an unset limit is the node's allocatable")
            .isEqualTo("64 250 3");
        assertThat(inContainer(id, "cat /etc/podinfo/labels")).isEqualTo("app=\"shop\"");
        assertThat(inContainer(id, "cat /etc/podinfo/annotations")).contains("owner=\"team \\\"a\\\"\"");
        assertThat(inContainer(id, "cat /etc/podinfo/uid")).isEqualTo(ready.getMetadata().getUid());
        assertThat(inContainer(id, "cat /etc/podinfo/mem")).isEqualTo("64");
        assertThat(inContainer(id, "readlink /etc/podinfo/labels")).isEqualTo("..data/labels");
        assertThat(inContainer(id, "stat -L -c %a /etc/podinfo/labels")).isEqualTo("444");

        client.pods().inNamespace(NAMESPACE).withName("downward")
            .edit(current -> new PodBuilder(current).editMetadata().addToLabels("tier", "front").endMetadata().build());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
            assertThat(inContainer(id, "cat /etc/podinfo/labels")).isEqualTo("app=\"shop\"\ntier=\"front\""));
        deleteAndAwaitGone("downward");
    }

    @Test
    void configMapEditsReachWholeVolumeMountsButNotSubPaths() {
        client.configMaps().inNamespace(NAMESPACE).resource(new ConfigMapBuilder().withNewMetadata()
            .withName("settings").endMetadata().addToData("mode", "fast").addToData("level", "3").build()).create();
        client.secrets().inNamespace(NAMESPACE).resource(new SecretBuilder().withNewMetadata().withName("creds")
            .endMetadata().addToStringData("token", "s3cr3t").build()).create();
        Pod pod = new PodBuilder(pod("refreshed")).editMetadata().addToLabels("app", "shop").endMetadata()
            .editSpec().editFirstContainer()
            .addNewVolumeMount().withName("cfg").withMountPath("/etc/cfg").endVolumeMount()
            .addNewVolumeMount().withName("cfg").withMountPath("/etc/mode").withSubPath("mode").endVolumeMount()
            .addNewVolumeMount().withName("all").withMountPath("/etc/all").endVolumeMount()
            .addNewVolumeMount().withName("maybe").withMountPath("/etc/maybe").endVolumeMount()
            .endContainer()
            .addNewVolume().withName("cfg").withNewConfigMap().withName("settings").endConfigMap().endVolume()
            .addNewVolume().withName("maybe").withNewConfigMap().withName("not-yet").withOptional(true).endConfigMap()
            .endVolume()
            .addNewVolume().withName("all").withNewProjected().withDefaultMode(0400)
            .addNewSource().withNewConfigMap().withName("settings").addNewItem().withKey("level").withPath("cfg/level")
            .endItem().endConfigMap().endSource()
            .addNewSource().withNewSecret().withName("creds").endSecret().endSource()
            .addNewSource().withNewDownwardAPI().addNewItem().withPath("labels").withNewFieldRef()
            .withFieldPath("metadata.labels").endFieldRef().endItem().endDownwardAPI().endSource()
            .endProjected().endVolume()
            .endSpec().build();
        try {
            create(pod);
            String id = containerId(awaitReady("refreshed"));
            assertThat(inContainer(id, "cat /etc/cfg/mode")).isEqualTo("fast");
            assertThat(inContainer(id, "cat /etc/mode")).isEqualTo("fast");
            assertThat(inContainer(id, "for f in cfg/level token labels; do cat /etc/all/$f; echo; done"))
                .isEqualTo("3\ns3cr3t\napp=\"shop\"");
            assertThat(inContainer(id, "stat -L -c %a /etc/all/token")).isEqualTo("400");
            assertThat(inContainer(id, "ls -A /etc/maybe")).as("an optional missing ConfigMap is an empty volume")
                .matches("\\.\\.2\\S+\\n\\.\\.data|\\.\\.data\\n\\.\\.2\\S+");
            assertThat(inContainer(id, "readlink /etc/cfg/..data")).matches("\\.\\.\\d{4}_\\d\\d_\\d\\d_.*");

            client.configMaps().inNamespace(NAMESPACE).withName("settings").edit(current ->
                new ConfigMapBuilder(current).withData(Map.of("mode", "slow", "level", "4")).build());
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(inContainer(id, "cat /etc/cfg/mode")).isEqualTo("slow");
                assertThat(inContainer(id, "cat /etc/all/cfg/level")).isEqualTo("4");
            });
            assertThat(inContainer(id, "cat /etc/mode")).as("a subPath mount keeps its file, as in Kubernetes")
                .isEqualTo("fast");

            client.configMaps().inNamespace(NAMESPACE).resource(new ConfigMapBuilder().withNewMetadata()
                .withName("not-yet").endMetadata().addToData("late", "here").build()).create();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(inContainer(id, "cat /etc/maybe/late")).isEqualTo("here"));
            deleteAndAwaitGone("refreshed");
        } finally {
            client.configMaps().inNamespace(NAMESPACE).withName("settings").delete();
            client.configMaps().inNamespace(NAMESPACE).withName("not-yet").delete();
            client.secrets().inNamespace(NAMESPACE).withName("creds").delete();
        }
    }

    @Test
    void memoryEmptyDirIsATmpfsOfItsSizeLimitUntilThePodGoes() throws Exception {
        create(new PodBuilder(pod("memory")).editSpec().editFirstContainer()
            .addNewVolumeMount().withName("cache").withMountPath("/cache").endVolumeMount().endContainer()
            .addNewVolume().withName("cache").withNewEmptyDir().withMedium("Memory")
            .withSizeLimit(new Quantity("16Mi")).endEmptyDir().endVolume().endSpec().build());
        Pod ready = awaitReady("memory");
        String id = containerId(ready);
        assertThat(inContainer(id, "mount | grep ' /cache '")).startsWith("tmpfs on /cache type tmpfs")
            .contains("size=16384k");
        assertThat(inContainer(id, "stat -c %a /cache")).isEqualTo("777");
        Path volume = properties.getRootDirectory().resolve("pods").resolve(ready.getMetadata().getUid());
        assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).contains(volume.toString());
        deleteAndAwaitGone("memory");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
            assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).doesNotContain(volume.toString()));
    }

    @Test
    void hostPathOfTheWrongTypeHoldsThePodWithAFailedMountEvent() throws Exception {
        Path directory = Files.createTempDirectory("keel-volumes-host-");
        Path created = directory.resolve("made/here");
        create(new PodBuilder(pod("host")).editSpec().editFirstContainer()
            .addNewVolumeMount().withName("made").withMountPath("/made").endVolumeMount()
            .addNewVolumeMount().withName("sock").withMountPath("/run/x.sock").endVolumeMount().endContainer()
            .addNewVolume().withName("made").withNewHostPath().withPath(created.toString())
            .withType("DirectoryOrCreate").endHostPath().endVolume()
            .addNewVolume().withName("sock").withNewHostPath().withPath(directory.toString()).withType("Socket")
            .endHostPath().endVolume().endSpec().build());
        String message = "MountVolume.SetUp failed for volume \"sock\" : hostPath type check failed: " + directory
            + " is not a socket file";
        await().atMost(Duration.ofSeconds(30)).until(() -> events("host").stream().anyMatch(event ->
            "FailedMount".equals(event.getReason()) && message.equals(event.getMessage())));
        Pod waiting = get("host");
        assertThat(waiting.getStatus().getContainerStatuses().get(0).getState().getWaiting().getReason())
            .isEqualTo("ContainerCreating");
        assertThat(created).isDirectory();
        deleteAndAwaitGone("host");
    }

    @Test
    void aDiskEmptyDirOverItsSizeLimitEvictsThePod() {
        create(new PodBuilder(pod("greedy")).editSpec().withRestartPolicy("Never").editFirstContainer()
            .withCommand("sh", "-c", "dd if=/dev/zero of=/scratch/fill bs=1024 count=2048; sleep 1000")
            .addNewVolumeMount().withName("scratch").withMountPath("/scratch").endVolumeMount().endContainer()
            .addNewVolume().withName("scratch").withNewEmptyDir().withSizeLimit(new Quantity("1Mi")).endEmptyDir()
            .endVolume().endSpec().build());
        Pod evicted = await().atMost(Duration.ofSeconds(60)).until(() -> get("greedy"),
            current -> current.getStatus() != null && "Failed".equals(current.getStatus().getPhase()));
        assertThat(evicted.getStatus().getReason()).isEqualTo("Evicted");
        assertThat(evicted.getStatus().getMessage()).isEqualTo("Usage of EmptyDir volume \"scratch\" exceeds the limit \"1Mi\".");
        assertThat(events("greedy")).anyMatch(event -> "Evicted".equals(event.getReason()));
        assertThat(evicted.getStatus().getContainerStatuses().get(0).getState().getTerminated()).isNotNull();
        deleteAndAwaitGone("greedy");
    }

    private static Pod pod(String name) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace(NAMESPACE).endMetadata()
            .withNewSpec().withNodeName(NODE).withTerminationGracePeriodSeconds(1L)
            .addNewContainer().withName("main").withImage(BUSYBOX).withImagePullPolicy("IfNotPresent")
            .withCommand("sleep", "1000").endContainer()
            .endSpec().build();
    }

    private static String containerId(Pod pod) {
        return pod.getStatus().getContainerStatuses().get(0).getContainerID().substring("containerd://".length());
    }

    /** Runs a shell command in the container through the CRI and answers its trimmed standard output. */
    private static String inContainer(String containerId, String script) {
        var response = runtime.execSync(containerId, List.of("sh", "-c", script), Duration.ofSeconds(10));
        assertThat(response.getExitCode()).as(script + ": " + response.getStderr().toStringUtf8()).isZero();
        return response.getStdout().toStringUtf8().strip();
    }

    private static List<Event> events(String pod) {
        return client.v1().events().inNamespace(NAMESPACE).list().getItems().stream()
            .filter(event -> pod.equals(event.getInvolvedObject().getName())).toList();
    }

    private static void create(Pod pod) {
        client.pods().inNamespace(NAMESPACE).resource(pod).create();
    }

    private static Pod get(String name) {
        return client.pods().inNamespace(NAMESPACE).withName(name).get();
    }

    private static Pod awaitReady(String name) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> get(name), pod -> pod != null
            && pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase())
            && pod.getStatus().getConditions().stream()
                .anyMatch(condition -> "Ready".equals(condition.getType()) && "True".equals(condition.getStatus())));
    }

    private static void deleteAndAwaitGone(String name) {
        client.pods().inNamespace(NAMESPACE).withName(name).delete();
        await().atMost(Duration.ofSeconds(30)).until(() -> get(name) == null);
    }
}
