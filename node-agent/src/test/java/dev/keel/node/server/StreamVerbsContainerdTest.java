package dev.keel.node.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keel.api.testing.Kubectl;
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
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    private static final Pattern FORWARDING = Pattern.compile("Forwarding from 127\\.0\\.0\\.1:(\\d+) -> (\\d+)");
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
        NodeAgentProperties properties = new NodeAgentProperties();
        properties.setName(NODE);
        properties.setPodCidr(containerd.config().podCidr());
        properties.getInternalIps().add("127.0.0.1");
        properties.getRuntime().setCriSocket(containerd.socket());
        properties.setHeartbeatPeriod(Duration.ofSeconds(2));
        properties.setPodResyncPeriod(Duration.ofMillis(300));
        properties.setLogDirectory(Files.createTempDirectory("keel-verbs-cri-logs-"));
        properties.setRootDirectory(Files.createTempDirectory("keel-verbs-root-"));
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
        Path output = Files.createTempFile("keel-port-forward-", ".out");
        Process forward = kubectl(version).start(output, "-n", NAMESPACE, "port-forward", "pod/web", ":8080");
        try {
            int port = awaitForwarding(output, forward);
            assertThat(httpGet(port)).contains("200 OK").endsWith("web\n");
            assertThat(httpGet(port)).endsWith("web\n");
            assertThat(forward.isAlive()).as(Files.readString(output)).isTrue();
        } finally {
            stop(forward);
        }
    }

    @ParameterizedTest(name = "kubectl {0}")
    @FieldSource("VERSIONS")
    void portForwardToAServiceReachesOneOfItsPods(String version) throws Exception {
        // kubectl picks a running pod of the selector and the service port's target port; the server sees a pod.
        Path output = Files.createTempFile("keel-port-forward-svc-", ".out");
        Process forward = kubectl(version).start(output, "-n", NAMESPACE, "port-forward", "svc/web", ":80");
        try {
            int port = awaitForwarding(output, forward);
            assertThat(Files.readString(output)).contains("-> 8080");
            assertThat(httpGet(port)).endsWith("web\n");
        } finally {
            stop(forward);
        }
    }

    @ParameterizedTest(name = "kubectl {0}")
    @FieldSource("VERSIONS")
    void portForwardToAPortNothingListensOnReportsTheConnectionsError(String version) throws Exception {
        Path output = Files.createTempFile("keel-port-forward-closed-", ".out");
        Process forward = kubectl(version).start(output, "-n", NAMESPACE, "port-forward", "pod/web", ":9999");
        try {
            int port = awaitForwarding(output, forward);
            // The local connection is accepted, then closed once the node reports the refused connection.
            assertThat(httpGet(port)).isEmpty();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(Files.readString(output))
                .contains("an error occurred forwarding")
                .contains("failed to connect to localhost:9999"));
        } finally {
            stop(forward);
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
        Path home = Files.createTempDirectory("keel-kubectl-attach-tty-");
        String command = "/usr/lib/google-cloud-sdk/bin/kubectl." + version + " --kubeconfig=" + api.kubeconfig()
            + " --cache-dir=" + home + " -n " + NAMESPACE + " attach -it " + name;
        ProcessBuilder builder = new ProcessBuilder("script", "-qec", command, "/dev/null").redirectErrorStream(true);
        builder.environment().put("HOME", home.toString());
        builder.environment().remove("KUBECONFIG");
        Process process = builder.start();
        try {
            OutputStream stdin = process.getOutputStream();
            stdin.write("echo answer-$((6*7))\n".getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            Thread.sleep(2000);
            stdin.write("tty; exit\n".getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(output).contains("answer-42").contains("/dev/pts/");
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
        Kubectl.Result fromPod = kubectl.run("cp", NAMESPACE + "/shell:/no/such/file", local.resolve("x").toString());
        assertThat(fromPod.exitCode()).as(fromPod.all()).isNotZero();
        assertThat(fromPod.err()).contains("No such file or directory");
        assertThat(local.resolve("x")).doesNotExist();

        Kubectl.Result fromHere = kubectl.run("cp", local.resolve("absent").toString(), NAMESPACE + "/shell:/tmp/absent");
        assertThat(fromHere.exitCode()).as(fromHere.all()).isNotZero();
        assertThat(fromHere.err()).contains("no such file or directory");

        Kubectl.Result intoMissingDir = kubectl.run("cp", Files.writeString(local.resolve("f"), "f").toString(),
            NAMESPACE + "/shell:/no/such/dir/f");
        assertThat(intoMissingDir.exitCode()).as(intoMissingDir.all()).isNotZero();
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

    /** The local port kubectl listens on, once it printed "Forwarding from 127.0.0.1:PORT". */
    private static int awaitForwarding(Path output, Process forward) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            Matcher matcher = FORWARDING.matcher(Files.readString(output));
            if (!forward.isAlive() && !matcher.find(0)) {
                throw new AssertionError("kubectl port-forward ended: " + Files.readString(output));
            }
            return matcher.find(0) ? Integer.parseInt(matcher.group(1)) : null;
        }, port -> port != null);
    }

    /** One HTTP/1.0 GET on a new connection; answers everything read until the other side closed it. */
    private static String httpGet(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write("GET / HTTP/1.0\r\nHost: web\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
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
