package dev.keel.node.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keel.api.testing.Kubectl;
import dev.keel.api.testing.KubectlPortForward;
import dev.keel.api.testing.PlatformApiServer;
import dev.keel.node.NodeAgent;
import dev.keel.node.NodeAgentProperties;
import dev.keel.node.cri.CriRuntime;
import dev.keel.node.probe.Prober;
import dev.keel.node.testing.ContainerdServer;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * {@code kubectl port-forward}, {@code attach} and {@code cp} on a real node: the real kubectl 1.27 (SPDY) and 1.33
 * (port-forward as SPDY tunnelled in a WebSocket, which platform-api unwraps; attach and exec first ask for WebSocket
 * v5, which containerd's streaming server refuses, then SPDY), platform-api in this JVM, the agent's HTTPS endpoint
 * and containerd's streaming server, with busybox containers.
 */
class StreamVerbsContainerdTest {

    private static final String NODE = "cri-verbs";
    private static final String NAMESPACE = "stream-verbs";
    private static final String BUSYBOX = "localhost:5000/busybox:1.35";
    static final List<String> VERSIONS = Kubectl.VERSIONS;

    private static PlatformApiServer api;
    private static CriRuntime runtime;
    private static KubernetesClient client;
    private static NodeServer server;
    private static NodeAgent agent;

    @BeforeAll
    static void start() throws Exception {
        ContainerdServer containerd = ContainerdServer.shared();
        runtime = containerd.newClient();
        api = PlatformApiServer.shared();
        client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(api.kubeconfig())))
            .build();
        NodeAgentProperties properties = containerd.nodeProperties(NODE, "verbs");
        NodeServerFixture.configure(properties.getServer(), api);
        server = new NodeServer(properties.getServer(), NODE, runtime, properties.getLogDirectory(),
            Clock.systemUTC());
        server.start();
        agent = new NodeAgent(client, runtime, new Prober(runtime, true), properties, Clock.systemUTC());
        agent.start();
        if (client.namespaces().withName(NAMESPACE).get() == null) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata()
                .build()).create();
        }
        create(pod("web", "mkdir -p /www && hostname > /www/index.html && exec httpd -f -p 8080 -h /www")
            .editMetadata().addToLabels("app", "web").endMetadata().build());
        create(pod("ticker", "i=0; while true; do echo tick $i; i=$((i+1)); sleep 0.3; done").build());
        create(pod("reader", "while read line; do echo \"got $line\"; done").editSpec().editFirstContainer()
            .withStdin(true).endContainer().endSpec().build());
        create(pod("shell", "sleep 100000").build());
        // One container finished (and stays so: restartPolicy Never) while the other keeps the pod Running.
        create(pod("halfdone", "sleep 100000").editSpec().withRestartPolicy("Never")
            .addToContainers(new ContainerBuilder().withName("done").withImage(BUSYBOX).withImagePullPolicy("IfNotPresent")
                .withCommand("true").build()).endSpec().build());
        client.services().inNamespace(NAMESPACE).resource(new ServiceBuilder().withNewMetadata().withName("web")
            .endMetadata().withNewSpec().addToSelector("app", "web").addNewPort().withPort(80)
            .withNewTargetPort(8080).endPort().endSpec().build()).create();
        for (String name : List.of("web", "ticker", "reader", "shell", "halfdone")) {
            awaitRunning(name);
        }
    }

    @AfterAll
    static void stop() {
        client.pods().inNamespace(NAMESPACE).delete();
        client.services().inNamespace(NAMESPACE).delete();
        await().atMost(Duration.ofSeconds(60)).until(() -> client.pods().inNamespace(NAMESPACE).list().getItems()
            .isEmpty());
        agent.close();
        server.close();
        client.close();
        runtime.close();
    }

    @ParameterizedTest(name = "kubectl {0}")
    @FieldSource("VERSIONS")
    void portForwardToAPodCarriesEveryConnection(String version) throws Exception {
        try (KubectlPortForward forward = KubectlPortForward.start(kubectl(version), NAMESPACE, "pod/web", 8080)) {
            int port = forward.localPort(Duration.ofSeconds(30));
            assertThat(KubectlPortForward.httpGet(port)).contains("200 OK").endsWith("web\n");
            assertThat(KubectlPortForward.httpGet(port)).endsWith("web\n");
            assertThat(forward.alive()).as(forward.output()).isTrue();
        }
    }

    @ParameterizedTest(name = "kubectl {0}")
    @FieldSource("VERSIONS")
    void portForwardToAServiceReachesOneOfItsPods(String version) throws Exception {
        // kubectl picks a running pod of the selector and the service port's target port; the server sees a pod.
        try (KubectlPortForward forward = KubectlPortForward.start(kubectl(version), NAMESPACE, "svc/web", 80)) {
            int port = forward.localPort(Duration.ofSeconds(30));
            assertThat(forward.output()).contains("-> 8080");
            assertThat(KubectlPortForward.httpGet(port)).endsWith("web\n");
        }
    }

    @ParameterizedTest(name = "kubectl {0}")
    @FieldSource("VERSIONS")
    void portForwardToAPortNothingListensOnReportsTheError(String version) throws Exception {
        try (KubectlPortForward forward = KubectlPortForward.start(kubectl(version), NAMESPACE, "pod/web", 9999)) {
            int port = forward.localPort(Duration.ofSeconds(30));
            // The local connection is accepted, then closed once the node reports the refused connection on the
            // error stream; kubectl (client-go 1.27 and 1.33 alike) prints it and then ends the whole session, as it
            // does against a kubelet.
            assertThat(KubectlPortForward.httpGet(port)).isEmpty();
            assertThat(forward.awaitExit(Duration.ofSeconds(30))).as(forward.output()).isEqualTo(1);
            assertThat(forward.output()).contains("an error occurred forwarding " + port + " -> 9999")
                .contains("failed to connect to localhost:9999").contains("connection refused")
                .contains("error: lost connection to pod");
        }
    }

    @ParameterizedTest(name = "kubectl {0}")
    @FieldSource("VERSIONS")
    void portForwardToAMissingOrNotRunningPodFails(String version) {
        Kubectl kubectl = kubectl(version);
        Kubectl.Result missing = kubectl.run("-n", NAMESPACE, "port-forward", "pod/nope", ":8080");
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.err()).contains("pods \"nope\" not found");

        create(new PodBuilder().withNewMetadata().withName("unplaced-" + version.replace('.', '-')).endMetadata()
            .withNewSpec().withNodeName("no-such-node").addNewContainer().withName("main").withImage(BUSYBOX)
            .endContainer().endSpec().build());
        Kubectl.Result pending = kubectl.run("-n", NAMESPACE, "port-forward",
            "pod/unplaced-" + version.replace('.', '-'), ":8080");
        assertThat(pending.exitCode()).isNotZero();
        assertThat(pending.err()).contains("unable to forward port because pod is not running. Current status=Pending");
        // No agent serves that node, so nothing would complete a graceful deletion.
        client.pods().inNamespace(NAMESPACE).withName("unplaced-" + version.replace('.', '-')).withGracePeriod(0)
            .delete();
    }

    @ParameterizedTest(name = "kubectl {0}")
    @FieldSource("VERSIONS")
    void attachStreamsTheRunningProcessOutput(String version) throws Exception {
        Path output = Files.createTempFile("keel-attach-", ".out");
        Process attach = kubectl(version).start(output, "-n", NAMESPACE, "attach", "ticker");
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(output).lines()
                .filter(line -> line.startsWith("tick ")).count() >= 3);
            List<Integer> ticks = Files.readString(output).lines().filter(line -> line.startsWith("tick "))
                .map(line -> Integer.parseInt(line.substring(5))).toList();
            for (int i = 1; i < ticks.size(); i++) {
                assertThat(ticks.get(i)).isEqualTo(ticks.get(i - 1) + 1);
            }
        } finally {
            stop(attach);
        }
    }

    @ParameterizedTest(name = "kubectl {0}")
    @FieldSource("VERSIONS")
    void attachWithStdinFeedsTheProcess(String version) throws Exception {
        Path output = Files.createTempFile("keel-attach-i-", ".out");
        Process attach = kubectl(version).start(output, "-n", NAMESPACE, "attach", "-i", "reader");
        try {
            OutputStream stdin = attach.getOutputStream();
            // Lines keep coming until one arrives: the first may go out before the stream is attached.
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                stdin.write(("hello " + version + "\n").getBytes(StandardCharsets.UTF_8));
                stdin.flush();
                return Files.readString(output).contains("got hello " + version);
            });
        } finally {
            stop(attach);
        }
    }

    @ParameterizedTest(name = "kubectl {0}")
    @FieldSource("VERSIONS")
    void attachWithATerminalDrivesAnInteractiveShell(String version) throws Exception {
        String name = "tty-" + version.replace('.', '-');
        create(pod(name, "exec sh").editSpec().withRestartPolicy("Never").editFirstContainer().withStdin(true)
            .withTty(true).endContainer().endSpec().build());
        awaitRunning(name);
        // kubectl -t needs a terminal: script(1) gives it one and passes this test's input to it.
        Path terminal = Files.createTempFile("keel-kubectl-attach-tty-", ".out");
        Process process = kubectl(version).startInTerminal(terminal, "-n", NAMESPACE, "attach", "-it", name);
        try {
            OutputStream stdin = process.getOutputStream();
            stdin.write("echo answer-$((6*7))\n".getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            Thread.sleep(2000);
            stdin.write("tty; exit\n".getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(Files.readString(terminal)).contains("answer-42").contains("/dev/pts/");
        } finally {
            process.getOutputStream().close();
            stop(process);
        }
    }

    @ParameterizedTest(name = "kubectl {0}")
    @FieldSource("VERSIONS")
    void attachToAFinishedContainerOrMissingPodFails(String version) {
        Kubectl kubectl = kubectl(version);
        await().atMost(Duration.ofSeconds(60)).until(() -> client.pods().inNamespace(NAMESPACE).withName("halfdone")
            .get().getStatus().getContainerStatuses().stream()
            .anyMatch(status -> status.getName().equals("done") && status.getState().getTerminated() != null));
        Kubectl.Result finished = kubectl.run("-n", NAMESPACE, "attach", "halfdone", "-c", "done");
        assertThat(finished.exitCode()).isNotZero();
        assertThat(finished.err()).contains("container not found (\"done\")");

        Kubectl.Result missing = kubectl.run("-n", NAMESPACE, "attach", "nope");
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.err()).contains("pods \"nope\" not found");
    }

    @ParameterizedTest(name = "kubectl {0}")
    @FieldSource("VERSIONS")
    void copyAFileAndADirectoryIntoThePodAndBack(String version) throws Exception {
        Kubectl kubectl = kubectl(version);
        Path local = Files.createTempDirectory("keel-cp-");
        Path file = Files.writeString(local.resolve("note.txt"), "keel cp " + version + "\nsecond line\n");
        Path dir = Files.createDirectories(local.resolve("tree/sub"));
        Files.writeString(dir.resolve("a.txt"), "a");
        Files.writeString(local.resolve("tree/b.txt"), "b".repeat(200_000));
        String remote = "/tmp/cp-" + version;

        Kubectl.Result in = kubectl.run("-n", NAMESPACE, "exec", "shell", "--", "mkdir", "-p", remote);
        assertThat(in.exitCode()).as(in.all()).isZero();
        Kubectl.Result up = kubectl.run("cp", file.toString(), NAMESPACE + "/shell:" + remote + "/note.txt");
        assertThat(up.exitCode()).as(up.all()).isZero();
        Kubectl.Result upTree = kubectl.run("cp", local.resolve("tree").toString(), NAMESPACE + "/shell:" + remote + "/tree");
        assertThat(upTree.exitCode()).as(upTree.all()).isZero();
        Kubectl.Result cat = kubectl.run("-n", NAMESPACE, "exec", "shell", "--", "sh", "-c",
            "cat " + remote + "/note.txt " + remote + "/tree/sub/a.txt; wc -c < " + remote + "/tree/b.txt");
        assertThat(cat.out()).isEqualTo("keel cp " + version + "\nsecond line\na200000\n");

        Path back = local.resolve("back.txt");
        Kubectl.Result down = kubectl.run("cp", NAMESPACE + "/shell:" + remote + "/note.txt", back.toString());
        assertThat(down.exitCode()).as(down.all()).isZero();
        assertThat(Files.readString(back)).isEqualTo(Files.readString(file));
        Path backTree = local.resolve("back-tree");
        Kubectl.Result downTree = kubectl.run("cp", NAMESPACE + "/shell:" + remote + "/tree", backTree.toString());
        assertThat(downTree.exitCode()).as(downTree.all()).isZero();
        assertThat(Files.readString(backTree.resolve("sub/a.txt"))).isEqualTo("a");
        assertThat(Files.size(backTree.resolve("b.txt"))).isEqualTo(200_000);
    }

    @ParameterizedTest(name = "kubectl {0}")
    @FieldSource("VERSIONS")
    void copyOfAMissingPathFails(String version) throws Exception {
        Kubectl kubectl = kubectl(version);
        Path local = Files.createTempDirectory("keel-cp-missing-");
        // kubectl's own behaviour, as against any kubelet: busybox tar still writes an empty archive, which ends
        // kubectl's untar (exit 0, nothing written) before the exec reports tar's status, and tar's complaint is
        // printed only if it arrives first. The node does report both, as the plain exec of the same tar shows.
        Kubectl.Result fromPod = kubectl.run("cp", NAMESPACE + "/shell:/no/such/file", local.resolve("x").toString());
        assertThat(local.resolve("x")).as(fromPod.all()).doesNotExist();
        Kubectl.Result tar = kubectl.run("-n", NAMESPACE, "exec", "shell", "--", "tar", "cf", "-", "/no/such/file");
        assertThat(tar.exitCode()).as(tar.all()).isEqualTo(1);
        assertThat(tar.err()).contains("tar: /no/such/file: No such file or directory")
            .contains("command terminated with exit code 1");

        Kubectl.Result fromHere = kubectl.run("cp", local.resolve("absent").toString(), NAMESPACE + "/shell:/tmp/absent");
        assertThat(fromHere.exitCode()).as(fromHere.all()).isNotZero();
        assertThat(fromHere.err()).contains("absent doesn't exist in local filesystem");

        Kubectl.Result intoMissingDir = kubectl.run("cp", Files.writeString(local.resolve("f"), "f").toString(),
            NAMESPACE + "/shell:/no/such/dir/f");
        assertThat(intoMissingDir.exitCode()).as(intoMissingDir.all()).isNotZero();
        assertThat(intoMissingDir.err()).contains("/no/such/dir").contains("command terminated with exit code");
    }

    private static PodBuilder pod(String name, String script) {
        return new PodBuilder().withNewMetadata().withName(name).endMetadata()
            .withNewSpec().withNodeName(NODE).withTerminationGracePeriodSeconds(1L)
            .addNewContainer().withName("main").withImage(BUSYBOX).withImagePullPolicy("IfNotPresent")
            .withCommand("sh", "-c", script).endContainer().endSpec();
    }

    private static void create(Pod pod) {
        client.pods().inNamespace(NAMESPACE).resource(pod).create();
    }

    private static Pod awaitRunning(String name) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> client.pods().inNamespace(NAMESPACE).withName(name)
            .get(), pod -> pod != null && pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase()));
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private static Kubectl kubectl(String version) {
        return new Kubectl(version, api.kubeconfig()).withTimeout(Duration.ofSeconds(60));
    }
}
