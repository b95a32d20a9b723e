package dev.keel.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.api.testing.Kubectl;
import dev.keel.api.testing.KubectlPortForward;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The stream verbs with the real kubectl 1.27 and 1.33 on the local cluster: {@code port-forward} to a pod and to a
 * Service (kubectl 1.27 speaks SPDY; 1.33 tunnels SPDY in a WebSocket, which platform-api unwraps), {@code attach}
 * without and with {@code -i} and {@code -it}, {@code cp} both ways, and the usual mistakes (a port nothing listens on,
 * a missing or finished pod, a missing path), each ending with kubectl's own words and nothing left hanging.
 */
@LocalClusterTest
class StreamVerbsEndToEndTest {

    static final List<String> VERSIONS = Kubectl.VERSIONS;
    private static final String IMAGE = LocalCluster.BUSYBOX;
    private static final Duration START = Duration.ofMinutes(3);

    private static LocalCluster cluster;
    private static String namespace;

    @BeforeAll
    static void startPods() {
        cluster = LocalCluster.get();
        namespace = cluster.createNamespace("streams");
        cluster.kubectlWithInput(pod("web", "app: web", "", LocalCluster.SERVE_HOSTNAME, "Always")
                + "---\n" + """
                apiVersion: v1
                kind: Service
                metadata:
                  name: web
                spec:
                  selector:
                    app: web
                  ports:
                  - port: 80
                    targetPort: 8080
                """
                + "---\n" + pod("ticker", "app: ticker", "", "i=0; while true; do echo tick $i; i=$((i+1)); sleep 0.3; done",
                        "Always")
                + "---\n" + pod("reader", "app: reader", "    stdin: true\n",
                        "while read line; do echo \"got $line\"; done", "Always")
                + "---\n" + pod("shell", "app: shell", "", "sleep 100000", "Always")
                + "---\n" + pod("finished", "app: finished", "", "echo bye", "Never"),
                "-n", namespace, "apply", "-f", "-");
        for (String name : List.of("web", "ticker", "reader", "shell")) {
            awaitPhase(name, "Running");
        }
        awaitPhase("finished", "Succeeded");
    }

    @AfterAll
    static void removeNamespace() {
        cluster.release(null, namespace);
    }

    @ParameterizedTest(name = "kubectl {0}")
    @FieldSource("VERSIONS")
    void portForwardToAPodServesEveryConnection(String version) throws Exception {
        try (KubectlPortForward forward = KubectlPortForward.start(kubectl(version), namespace, "pod/web", 8080)) {
            int port = forward.localPort(Duration.ofSeconds(60));
            assertThat(KubectlPortForward.httpGet(port)).contains("200 OK").endsWith("web\n");
            assertThat(KubectlPortForward.httpGet(port)).endsWith("web\n");
            assertThat(forward.alive()).as(forward.output()).isTrue();
        }
    }

    @ParameterizedTest(name = "kubectl {0}")
    @FieldSource("VERSIONS")
    void portForwardToAServiceReachesItsPodOnTheTargetPort(String version) throws Exception {
        try (KubectlPortForward forward = KubectlPortForward.start(kubectl(version), namespace, "svc/web", 80)) {
            int port = forward.localPort(Duration.ofSeconds(60));
            assertThat(forward.output()).contains("-> 8080");
            assertThat(KubectlPortForward.httpGet(port)).endsWith("web\n");
        }
    }

    @ParameterizedTest(name = "kubectl {0}")
    @FieldSource("VERSIONS")
    void portForwardToAPortNothingListensOnPrintsTheErrorAndEnds(String version) throws Exception {
        try (KubectlPortForward forward = KubectlPortForward.start(kubectl(version), namespace, "pod/web", 9999)) {
            int port = forward.localPort(Duration.ofSeconds(60));
            assertThat(KubectlPortForward.httpGet(port)).isEmpty();
            // client-go (1.27 and 1.33) prints the node's error and ends the session, as against a kubelet.
            assertThat(forward.awaitExit(Duration.ofSeconds(60))).as(forward.output()).isEqualTo(1);
            assertThat(forward.output()).contains("an error occurred forwarding " + port + " -> 9999")
                    .contains("connection refused").contains("error: lost connection to pod");
        }
    }

    @ParameterizedTest(name = "kubectl {0}")
    @FieldSource("VERSIONS")
    void streamVerbsOnMissingOrFinishedPodsFailInKubectlsWords(String version) {
        Kubectl kubectl = kubectl(version);
        Kubectl.Result forwardMissing = kubectl.run("-n", namespace, "port-forward", "pod/nope", ":8080");
        assertThat(forwardMissing.exitCode()).isNotZero();
        assertThat(forwardMissing.err()).contains("pods \"nope\" not found");

        Kubectl.Result attachMissing = kubectl.run("-n", namespace, "attach", "nope");
        assertThat(attachMissing.exitCode()).isNotZero();
        assertThat(attachMissing.err()).contains("pods \"nope\" not found");

        Kubectl.Result forwardFinished = kubectl.run("-n", namespace, "port-forward", "pod/finished", ":8080");
        assertThat(forwardFinished.exitCode()).isNotZero();
        assertThat(forwardFinished.err())
                .contains("unable to forward port because pod is not running. Current status=Succeeded");

        Kubectl.Result attachFinished = kubectl.run("-n", namespace, "attach", "finished");
        assertThat(attachFinished.exitCode()).isNotZero();
        assertThat(attachFinished.err())
                .contains("cannot attach a container in a completed pod; current phase is Succeeded");
    }

    @ParameterizedTest(name = "kubectl {0}")
    @FieldSource("VERSIONS")
    void attachFollowsTheMainProcessOutput(String version) throws Exception {
        Path output = Files.createTempFile("kubectl-attach-", ".out");
        Process attach = kubectl(version).start(output, "-n", namespace, "attach", "ticker");
        try {
            Poll.until(Duration.ofSeconds(60), "three ticks through kubectl attach", () -> read(output).lines()
                    .filter(line -> line.startsWith("tick ")).count() >= 3);
            List<Integer> ticks = read(output).lines().filter(line -> line.startsWith("tick "))
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
    void attachWithStdinFeedsTheMainProcess(String version) throws Exception {
        Path output = Files.createTempFile("kubectl-attach-i-", ".out");
        Process attach = kubectl(version).start(output, "-n", namespace, "attach", "-i", "reader");
        try {
            OutputStream stdin = attach.getOutputStream();
            // A line a second until one comes back: the first may be written before the stream is attached.
            Poll.until(Duration.ofSeconds(60), "the reader echoing a line sent through kubectl attach -i", () -> {
                try {
                    stdin.write(("hello " + version + "\n").getBytes(StandardCharsets.UTF_8));
                    stdin.flush();
                    Thread.sleep(500);
                } catch (Exception e) {
                    throw new IllegalStateException("writing to kubectl attach -i: " + read(output), e);
                }
                return read(output).contains("got hello " + version);
            });
        } finally {
            stop(attach);
        }
    }

    @ParameterizedTest(name = "kubectl {0}")
    @FieldSource("VERSIONS")
    void attachWithATerminalDrivesAnInteractiveShell(String version) throws Exception {
        String name = "tty-" + version.replace('.', '-');
        cluster.kubectlWithInput(pod(name, "app: tty", "    stdin: true\n    tty: true\n", "exec sh", "Never"),
                "-n", namespace, "apply", "-f", "-");
        awaitPhase(name, "Running");
        // kubectl -t needs a terminal: script(1) gives it one and passes this test's input to it.
        Path home = Files.createTempDirectory("kubectl-attach-tty-");
        String command = "/usr/lib/google-cloud-sdk/bin/kubectl." + version + " --kubeconfig=" + cluster.kubeconfig()
                + " --cache-dir=" + home + " -n " + namespace + " attach -it " + name;
        ProcessBuilder builder = new ProcessBuilder("script", "-qec", command, "/dev/null").redirectErrorStream(true);
        builder.environment().put("HOME", home.toString());
        builder.environment().remove("KUBECONFIG");
        Process process = builder.start();
        try {
            OutputStream stdin = process.getOutputStream();
            stdin.write("echo answer-$((6*7))\n".getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            Thread.sleep(3000);
            stdin.write("tty; exit\n".getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            assertThat(process.waitFor(90, TimeUnit.SECONDS)).isTrue();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(output).contains("answer-42").contains("/dev/pts/");
        } finally {
            process.getOutputStream().close();
            stop(process);
        }
        awaitPhase(name, "Succeeded");
    }

    @ParameterizedTest(name = "kubectl {0}")
    @FieldSource("VERSIONS")
    void copyFilesAndDirectoriesIntoAPodAndBack(String version) throws Exception {
        Kubectl kubectl = kubectl(version);
        Path local = Files.createTempDirectory("kubectl-cp-");
        Path file = Files.writeString(local.resolve("note.txt"), "keel cp " + version + "\n");
        Files.createDirectories(local.resolve("tree/sub"));
        Files.writeString(local.resolve("tree/sub/a.txt"), "a");
        Files.writeString(local.resolve("tree/b.bin"), "b".repeat(300_000));
        String remote = "/tmp/cp-" + version;
        String pod = namespace + "/shell";

        ok(kubectl.run("-n", namespace, "exec", "shell", "--", "mkdir", "-p", remote));
        ok(kubectl.run("cp", file.toString(), pod + ":" + remote + "/note.txt"));
        ok(kubectl.run("cp", local.resolve("tree").toString(), pod + ":" + remote + "/tree"));
        Kubectl.Result inside = ok(kubectl.run("-n", namespace, "exec", "shell", "--", "sh", "-c",
                "cat " + remote + "/note.txt " + remote + "/tree/sub/a.txt; wc -c < " + remote + "/tree/b.bin"));
        assertThat(inside.out()).isEqualTo("keel cp " + version + "\na300000\n");

        ok(kubectl.run("cp", pod + ":" + remote + "/note.txt", local.resolve("back.txt").toString()));
        assertThat(Files.readString(local.resolve("back.txt"))).isEqualTo("keel cp " + version + "\n");
        ok(kubectl.run("cp", pod + ":" + remote + "/tree", local.resolve("back-tree").toString()));
        assertThat(Files.readString(local.resolve("back-tree/sub/a.txt"))).isEqualTo("a");
        assertThat(Files.size(local.resolve("back-tree/b.bin"))).isEqualTo(300_000);
    }

    @ParameterizedTest(name = "kubectl {0}")
    @FieldSource("VERSIONS")
    void copyOfAMissingPathSaysSo(String version) throws Exception {
        Kubectl kubectl = kubectl(version);
        Path local = Files.createTempDirectory("kubectl-cp-missing-");
        // kubectl's own behaviour, as against any kubelet: busybox tar still writes an empty archive, which ends
        // kubectl's untar (exit 0, nothing written) before the exec reports tar's status, and tar's complaint is
        // printed only if it arrives first. The node does report both, as the plain exec of the same tar shows.
        Kubectl.Result fromPod = kubectl.run("cp", namespace + "/shell:/no/such/file", local.resolve("x").toString());
        assertThat(local.resolve("x")).as(fromPod.all()).doesNotExist();
        Kubectl.Result tar = kubectl.run("-n", namespace, "exec", "shell", "--", "tar", "cf", "-", "/no/such/file");
        assertThat(tar.exitCode()).as(tar.all()).isEqualTo(1);
        assertThat(tar.err()).contains("tar: /no/such/file: No such file or directory")
                .contains("command terminated with exit code 1");

        Kubectl.Result intoMissingDirectory = kubectl.run("cp", Files.writeString(local.resolve("f"), "f").toString(),
                namespace + "/shell:/no/such/dir/f");
        assertThat(intoMissingDirectory.exitCode()).as(intoMissingDirectory.all()).isNotZero();
        assertThat(intoMissingDirectory.err()).contains("/no/such/dir").contains("command terminated with exit code");
    }

    private static String pod(String name, String labels, String extraContainerFields, String script, String restart) {
        return """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: %s
                  labels:
                    %s
                spec:
                  restartPolicy: %s
                  terminationGracePeriodSeconds: 1
                  containers:
                  - name: main
                    image: %s
                    command: ["sh", "-c", %s]
                %s""".formatted(name, labels, restart, IMAGE, quoted(script), extraContainerFields);
    }

    /** A YAML double-quoted string. */
    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static void awaitPhase(String name, String phase) {
        Poll.until(START, "pod " + name + " " + phase, () -> phase.equals(cluster.kubectlJson(Pod.class, "-n", namespace,
                "get", "pod", name).getStatus().getPhase()));
    }

    private static Kubectl kubectl(String version) {
        return cluster.kubectlOf(version);
    }

    private static Kubectl.Result ok(Kubectl.Result result) {
        assertThat(result.exitCode()).as(result.all()).isZero();
        return result;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
