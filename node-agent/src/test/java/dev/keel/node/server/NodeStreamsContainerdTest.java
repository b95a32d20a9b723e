package dev.keel.node.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keel.api.testing.Kubectl;
import dev.keel.api.testing.PlatformApiServer;
import dev.keel.node.NodeAgent;
import dev.keel.node.NodeAgentProperties;
import dev.keel.node.probe.Prober;
import dev.keel.node.cri.CriRuntime;
import dev.keel.node.logrotation.ContainerLogManager;
import dev.keel.node.logrotation.ContainerLogRotator;
import dev.keel.node.logrotation.LogRotationPolicy;
import dev.keel.node.testing.ContainerdServer;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * End to end on a real node: the real kubectl, platform-api in this JVM, the agent's HTTPS endpoint, and a real
 * containerd whose busybox containers write the CRI log files and whose streaming server runs exec (SPDY from
 * kubectl 1.27; kubectl 1.33 tries WebSocket first, which containerd's server refuses, and falls back to SPDY).
 */
class NodeStreamsContainerdTest {

    private static final String NODE = "cri-streams";
    private static final String NAMESPACE = "streams-cri";
    private static final String BUSYBOX = "localhost:5000/busybox:1.35";
    static final List<String> VERSIONS = Kubectl.VERSIONS;

    private static PlatformApiServer api;
    private static CriRuntime runtime;
    private static KubernetesClient client;
    private static NodeServer server;
    private static NodeAgent agent;
    private static ContainerLogManager logManager;
    private static Path logDirectory;
    /** Small, so that a chatty container's log rotates every second or so. */
    private static final LogRotationPolicy ROTATION = new LogRotationPolicy(64 * 1024, 3);

    @BeforeAll
    static void start() throws Exception {
        ContainerdServer containerd = ContainerdServer.shared();
        runtime = containerd.newClient();
        api = PlatformApiServer.shared();
        client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(api.kubeconfig())))
            .build();
        NodeAgentProperties properties = containerd.nodeProperties(NODE, "streams");
        logDirectory = properties.getLogDirectory();
        NodeServerFixture.configure(properties.getServer(), api);
        server = new NodeServer(properties.getServer(), NODE, runtime, properties.getLogDirectory(),
            Clock.systemUTC());
        server.start();
        agent = new NodeAgent(client, runtime, new Prober(runtime, true), properties, Clock.systemUTC());
        agent.start();
        logManager = new ContainerLogManager(runtime, ROTATION, new ContainerLogRotator(runtime, ROTATION,
            Clock.systemUTC()), Duration.ofMillis(300));
        logManager.start();
        if (client.namespaces().withName(NAMESPACE).get() == null) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata()
                .build()).create();
        }
        // containerd copies stdout and stderr to the log file separately: lines of the two streams written at the same
        // moment may land in either order, so the stderr line comes a moment later.
        create("shell", "echo one; echo two; sleep 0.5; echo three >&2; sleep 1000");
        create("ticker", "i=0; while true; do echo tick $i; i=$((i+1)); sleep 0.3; done");
        // About 60 KiB of log a second: a rotation every second or so.
        create("chatty", "i=0; while true; do j=0; while [ $j -lt 40 ]; do echo \"line $i "
            + "................................................\"; i=$((i+1)); j=$((j+1)); done; sleep 0.1; done");
        // Rotated while it sleeps (its log is 140 KiB), then one more line and an exit: --previous after a restart
        // shows the live file of the instance before, which holds only what came after its last rotation.
        create("restarter", "i=0; while [ $i -lt 3000 ]; do echo \"first $i ..............\"; i=$((i+1)); done; "
            + "sleep 3; echo after rotation; exit 1");
        awaitRunning("shell");
        awaitRunning("ticker");
        awaitRunning("chatty");
    }

    @AfterAll
    static void stop() {
        logManager.close();
        for (String name : List.of("shell", "ticker", "chatty", "restarter", "never-started")) {
            client.pods().inNamespace(NAMESPACE).withName(name).delete();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> client.pods().inNamespace(NAMESPACE).list().getItems()
            .isEmpty());
        agent.close();
        server.close();
        client.close();
        runtime.close();
    }

    @ParameterizedTest(name = "kubectl {0}")
    @FieldSource("VERSIONS")
    void logsAndTailOfARealContainer(String version) {
        Kubectl kubectl = kubectl(version);
        assertThat(kubectl.run("-n", NAMESPACE, "logs", "shell").out()).isEqualTo("one\ntwo\nthree\n");
        assertThat(kubectl.run("-n", NAMESPACE, "logs", "shell", "--tail=2").out()).isEqualTo("two\nthree\n");
    }

    @ParameterizedTest(name = "kubectl {0}")
    @FieldSource("VERSIONS")
    void followStreamsNewLines(String version) throws Exception {
        Path output = Files.createTempFile("keel-logs-f-", ".out");
        Process follow = kubectl(version).start(output, "-n", NAMESPACE, "logs", "-f", "--tail=1", "ticker");
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.readString(output).lines()
                .filter(line -> line.startsWith("tick ")).count() >= 4);
            List<Integer> ticks = Files.readString(output).lines().filter(line -> line.startsWith("tick "))
                .map(line -> Integer.parseInt(line.substring(5))).toList();
            // One line of history, then every new line in order.
            for (int i = 1; i < ticks.size(); i++) {
                assertThat(ticks.get(i)).isEqualTo(ticks.get(i - 1) + 1);
            }
        } finally {
            follow.destroy();
            follow.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest(name = "kubectl {0}")
    @FieldSource("VERSIONS")
    void execRunsACommandAndReportsItsExitCode(String version) {
        Kubectl kubectl = kubectl(version);
        Kubectl.Result hi = kubectl.run("-n", NAMESPACE, "exec", "shell", "--", "echo", "hi");
        assertThat(hi.exitCode()).as(hi.all()).isZero();
        assertThat(hi.out()).isEqualTo("hi\n");

        Kubectl.Result failing = kubectl.run("-n", NAMESPACE, "exec", "shell", "--", "sh", "-c", "echo oops >&2; exit 3");
        assertThat(failing.exitCode()).as(failing.all()).isEqualTo(3);
        assertThat(failing.err()).contains("oops");
    }

    @ParameterizedTest(name = "kubectl {0}")
    @FieldSource("VERSIONS")
    void execWithStdin(String version) {
        Kubectl.Result echoed = kubectl(version).runWithInput("hello\nworld\n", "-n", NAMESPACE, "exec", "-i", "shell",
            "--", "sh", "-c", "wc -l; echo done");
        assertThat(echoed.exitCode()).as(echoed.all()).isZero();
        assertThat(echoed.out().strip()).isEqualTo("2\ndone");
    }

    @ParameterizedTest(name = "kubectl {0}")
    @FieldSource("VERSIONS")
    void execWithATerminalSeesTheClientsWindowSize(String version) throws Exception {
        // kubectl -t needs a terminal: script(1) gives it a pseudo-terminal of 33 rows and 77 columns, which kubectl
        // sends on the resize channel; the remote stty reads it from the container's own terminal. The size arrives
        // asynchronously, after the process started (as with the kubelet), hence the pause before reading it.
        Path home = Files.createTempDirectory("keel-kubectl-tty-");
        String kubectl = "/usr/lib/google-cloud-sdk/bin/kubectl." + version + " --kubeconfig=" + api.kubeconfig()
            + " --cache-dir=" + home + " -n " + NAMESPACE + " exec -it shell -- sh -c 'tty; sleep 1; stty size'";
        ProcessBuilder builder = new ProcessBuilder("script", "-qec", "stty rows 33 cols 77; " + kubectl, "/dev/null")
            .redirectErrorStream(true);
        builder.environment().put("HOME", home.toString());
        builder.environment().remove("KUBECONFIG");
        Process process = builder.start();
        try {
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as(output).isZero();
            assertThat(output).contains("/dev/pts/").contains("33 77");
        } finally {
            process.getOutputStream().close();
            process.destroy();
        }
    }

    @ParameterizedTest(name = "kubectl {0}")
    @FieldSource("VERSIONS")
    void topPodShowsTheContainersUsage(String version) {
        Kubectl kubectl = kubectl(version);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Kubectl.Result top = kubectl.run("-n", NAMESPACE, "top", "pod", "ticker", "--containers");
            assertThat(top.exitCode()).as(top.all()).isZero();
            assertThat(top.out()).contains("ticker").containsPattern("\\d+m\\s+\\d+Mi");
        });
    }

    @ParameterizedTest(name = "kubectl {0}")
    @FieldSource("VERSIONS")
    void followSeesEveryLineAcrossRotationsAndTheFilesStayBounded(String version) throws Exception {
        Path live = liveLog("chatty");
        Set<String> rotatedBefore = rotatedNames(live);
        Path output = Files.createTempFile("keel-logs-rotation-", ".out");
        Process follow = kubectl(version).start(output, "-n", NAMESPACE, "logs", "-f", "chatty");
        try {
            // Two rotations after the follow began: the stream went on from at least one rotated file to the next.
            await().atMost(Duration.ofSeconds(60)).until(() -> newRotations(live, rotatedBefore) >= 2);
            int seenAtSecondRotation = sequence(output).size();
            await().atMost(Duration.ofSeconds(30)).until(() -> sequence(output).size() > seenAtSecondRotation + 100);
            List<Integer> lines = sequence(output);
            for (int i = 1; i < lines.size(); i++) {
                assertThat(lines.get(i)).as("line after %s", lines.get(i - 1)).isEqualTo(lines.get(i - 1) + 1);
            }
            // The live file, the newest rotated one, older ones compressed, and no more than the policy's files.
            try (Stream<Path> files = Files.list(live.getParent())) {
                List<String> names = files.map(path -> path.getFileName().toString())
                    .filter(name -> !name.endsWith(".tmp")).toList();
                assertThat(names).hasSizeLessThanOrEqualTo(ROTATION.maxFiles()).contains("0.log");
                assertThat(names).anyMatch(name -> name.matches("0\\.log\\.\\d{8}-\\d{6}"));
            }
        } finally {
            follow.destroy();
            follow.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest(name = "kubectl {0}")
    @FieldSource("VERSIONS")
    void tailTimestampsAndLimitBytesOfARotatedLog(String version) {
        Kubectl kubectl = kubectl(version);
        await().atMost(Duration.ofSeconds(60)).until(() -> !rotatedNames(liveLog("chatty")).isEmpty());
        Kubectl.Result tail = kubectl.run("-n", NAMESPACE, "logs", "chatty", "--tail=5", "--timestamps");
        assertThat(tail.exitCode()).as(tail.all()).isZero();
        List<String> lines = tail.out().lines().toList();
        assertThat(lines).hasSize(5).allMatch(line -> line.matches("\\d{4}-\\d\\d-\\d\\dT\\S+Z line \\d+ \\.+"));
        Kubectl.Result limited = kubectl.run("-n", NAMESPACE, "logs", "chatty", "--limit-bytes=10");
        assertThat(limited.out()).hasSize(10).startsWith("line ");
        Kubectl.Result recent = kubectl.run("-n", NAMESPACE, "logs", "chatty", "--since=1h", "--tail=1");
        assertThat(recent.out()).startsWith("line ");
    }

    @ParameterizedTest(name = "kubectl {0}")
    @FieldSource("VERSIONS")
    void previousShowsTheInstanceBeforeTheRestartAfterItsRotation(String version) throws IOException {
        Kubectl kubectl = kubectl(version);
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            Kubectl.Result previous = kubectl.run("-n", NAMESPACE, "logs", "restarter", "--previous");
            assertThat(previous.exitCode()).as(previous.all()).isZero();
            assertThat(previous.out()).isEqualTo("after rotation\n");
        });
        assertThat(rotatedNames(liveLog("restarter"))).isNotEmpty();
    }

    @ParameterizedTest(name = "kubectl {0}")
    @FieldSource("VERSIONS")
    void missingLogsAreKubeletsErrors(String version) {
        Kubectl kubectl = kubectl(version);
        Kubectl.Result noPrevious = kubectl.run("-n", NAMESPACE, "logs", "chatty", "--previous");
        assertThat(noPrevious.exitCode()).isNotZero();
        assertThat(noPrevious.err()).contains("previous terminated container \"main\" in pod \"chatty\" not found");

        if (client.pods().inNamespace(NAMESPACE).withName("never-started").get() == null) {
            client.pods().inNamespace(NAMESPACE).resource(new PodBuilder().withNewMetadata().withName("never-started")
                .endMetadata().withNewSpec().withNodeName(NODE).withTerminationGracePeriodSeconds(1L)
                .addNewContainer().withName("main").withImage("localhost:5000/no-such-image:1")
                .endContainer().endSpec().build()).create();
        }
        Kubectl.Result never = kubectl.run("-n", NAMESPACE, "logs", "never-started");
        assertThat(never.exitCode()).isNotZero();
        assertThat(never.err()).contains("container \"main\" in pod \"never-started\" is waiting to start");
        Kubectl.Result neverFollowed = kubectl.run("-n", NAMESPACE, "logs", "-f", "never-started");
        assertThat(neverFollowed.exitCode()).isNotZero();
        assertThat(neverFollowed.err()).contains("is waiting to start");
    }

    /** The live log file of a pod's container "main" (attempt 0). */
    private static Path liveLog(String pod) throws IOException {
        try (Stream<Path> dirs = Files.list(logDirectory)) {
            Path podDir = dirs.filter(dir -> dir.getFileName().toString().startsWith(NAMESPACE + "_" + pod + "_"))
                .findFirst().orElseThrow(() -> new AssertionError("no log directory of pod " + pod));
            return podDir.resolve("main").resolve("0.log");
        }
    }

    private static Set<String> rotatedNames(Path live) throws IOException {
        try (Stream<Path> files = Files.list(live.getParent())) {
            return files.map(path -> path.getFileName().toString()).filter(name -> name.startsWith("0.log."))
                .map(name -> name.replaceFirst("\\.gz$", "")).filter(name -> !name.endsWith(".tmp"))
                .collect(Collectors.toSet());
        }
    }

    private static long newRotations(Path live, Set<String> before) throws IOException {
        return rotatedNames(live).stream().filter(name -> !before.contains(name)).count();
    }

    /** The numbers of the complete "line N" lines kubectl printed so far. */
    private static List<Integer> sequence(Path output) throws IOException {
        String text = Files.readString(output);
        int end = text.lastIndexOf('\n');
        return end < 0 ? List.of() : text.substring(0, end + 1).lines().filter(line -> line.startsWith("line "))
            .map(line -> Integer.parseInt(line.substring(5, line.indexOf(' ', 5)))).toList();
    }

    private static void create(String name, String script) {
        client.pods().inNamespace(NAMESPACE).resource(new PodBuilder().withNewMetadata().withName(name).endMetadata()
            .withNewSpec().withNodeName(NODE).withTerminationGracePeriodSeconds(1L)
            .addNewContainer().withName("main").withImage(BUSYBOX).withImagePullPolicy("IfNotPresent")
            .withCommand("sh", "-c", script).endContainer().endSpec().build()).create();
    }

    private static Pod awaitRunning(String name) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> client.pods().inNamespace(NAMESPACE).withName(name)
            .get(), pod -> pod != null && pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase()));
    }

    private static Kubectl kubectl(String version) {
        return new Kubectl(version, api.kubeconfig()).withTimeout(Duration.ofSeconds(30));
    }
}
