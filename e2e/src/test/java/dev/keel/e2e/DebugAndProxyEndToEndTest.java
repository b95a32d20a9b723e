package dev.keel.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.api.testing.Kubectl;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodList;
import java.io.IOException;
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
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code kubectl debug} with an ephemeral container sharing the target's process namespace, and the proxy
 * subresources ({@code kubectl get --raw .../pods|services|nodes/.../proxy/...}), with the real kubectl 1.27 and 1.33
 * against the cluster of {@code ./platform up}: platform-api dials the pods on the nodes' pod ranges (routed from the
 * host) and the node agents for nodes/proxy.
 */
@LocalClusterTest
class DebugAndProxyEndToEndTest {

    private static final Duration ROLLOUT = Duration.ofMinutes(3);
    private static final String MANIFESTS = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              replicas: 2
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  terminationGracePeriodSeconds: 1
                  containers:
                  - name: web
                    image: %s
                    imagePullPolicy: IfNotPresent
                    command: ["sh", "-c", "%s"]
                    ports: [{name: http, containerPort: 8080}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: web}
            spec:
              selector: {app: web}
              ports: [{name: http, port: 80, targetPort: 8080}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: lonely}
            spec:
              selector: {app: nothing-matches-this}
              ports: [{name: http, port: 80}]
            """;

    private static LocalCluster cluster;
    private static String namespace;
    private static List<String> pods;

    @BeforeAll
    static void deploy() {
        cluster = LocalCluster.get();
        namespace = cluster.createNamespace("debugproxy");
        cluster.kubectlWithInput(MANIFESTS.formatted(LocalCluster.BUSYBOX, LocalCluster.SERVE_HOSTNAME), "-n", namespace,
                "apply", "-f", "-");
        cluster.kubectl("-n", namespace, "rollout", "status", "deployment/web", "--timeout=" + ROLLOUT.toSeconds() + "s");
        pods = cluster.kubectlJson(PodList.class, "-n", namespace, "get", "pods", "-l", "app=web").getItems().stream()
                .map(pod -> pod.getMetadata().getName()).sorted().toList();
        assertThat(pods).hasSize(2);
    }

    @AfterAll
    static void removeNamespace() {
        cluster.release(null, namespace);
    }

    @ParameterizedTest(name = "kubectl {0}")
    @ValueSource(strings = {"1.27", "1.33"})
    void debugWithATargetListsTheTargetsProcesses(String version) {
        Kubectl kubectl = cluster.kubectlOf(version);
        String pod = pods.get(version.equals("1.27") ? 0 : 1);
        String debugger = "debugger-" + version.replace(".", "");

        Kubectl.Result debug = kubectl.run("-n", namespace, "debug", "pod/" + pod, "--image=" + LocalCluster.BUSYBOX,
                "--image-pull-policy=IfNotPresent", "--target=web", "-c", debugger, "--", "ps");
        assertThat(debug.exitCode()).as(debug.all()).isZero();

        Pod finished = Poll.until(Duration.ofMinutes(2), debugger + " in " + pod + " terminated", () -> {
            Pod current = cluster.kubectlJson(Pod.class, "-n", namespace, "get", "pod", pod);
            return current.getStatus().getEphemeralContainerStatuses() != null
                    && current.getStatus().getEphemeralContainerStatuses().stream()
                            .anyMatch(status -> debugger.equals(status.getName())
                                    && status.getState().getTerminated() != null) ? current : null;
        });
        assertThat(finished.getSpec().getEphemeralContainers()).anyMatch(container ->
                debugger.equals(container.getName()) && "web".equals(container.getTargetContainerName()));
        Kubectl.Result logs = kubectl.run("-n", namespace, "logs", "pod/" + pod, "-c", debugger);
        assertThat(logs.exitCode()).as(logs.all()).isZero();
        assertThat(logs.out()).contains("httpd -f -p 8080").contains("ps");
    }

    @ParameterizedTest(name = "kubectl {0}")
    @ValueSource(strings = {"1.27", "1.33"})
    void debugInteractiveRunsTypedCommands(String version) throws Exception {
        String pod = pods.get(version.equals("1.27") ? 0 : 1);
        String debugger = "interactive-" + version.replace(".", "");
        Path output = Files.createTempFile("kubectl-debug-i-", ".out");
        Process debug = cluster.kubectlOf(version).start(output, "-n", namespace, "debug", "pod/" + pod, "-i",
                "--image=" + LocalCluster.BUSYBOX, "--image-pull-policy=IfNotPresent", "--target=web", "-c", debugger,
                "--", "sh");
        try {
            typeUntilShown(debug, output, "echo answer-$((6*7)); ps\n", "answer-42");
            assertThat(read(output)).contains("httpd -f -p 8080");
            type(debug, "exit\n");
            assertThat(debug.waitFor(90, TimeUnit.SECONDS)).as(read(output)).isTrue();
            assertThat(debug.exitValue()).as(read(output)).isZero();
        } finally {
            stop(debug);
        }
        awaitTerminated(pod, debugger);
    }

    @ParameterizedTest(name = "kubectl {0}")
    @ValueSource(strings = {"1.27", "1.33"})
    void debugWithATerminalDrivesAShell(String version) throws Exception {
        String pod = pods.get(version.equals("1.27") ? 1 : 0);
        String debugger = "terminal-" + version.replace(".", "");
        Path output = Files.createTempFile("kubectl-debug-it-", ".out");
        // kubectl -t wants a terminal: startInTerminal runs it under script(1), typing this test's input.
        Process debug = cluster.kubectlOf(version).startInTerminal(output, "-n", namespace, "debug", "pod/" + pod,
                "-it", "--image=" + LocalCluster.BUSYBOX, "--image-pull-policy=IfNotPresent", "--target=web",
                "-c", debugger, "--", "sh");
        try {
            typeUntilShown(debug, output, "echo answer-$((6*7))\n", "answer-42");
            type(debug, "tty; exit\n");
            assertThat(debug.waitFor(90, TimeUnit.SECONDS)).as(read(output)).isTrue();
            assertThat(read(output)).contains("/dev/pts/");
        } finally {
            stop(debug);
        }
        awaitTerminated(pod, debugger);
    }

    @ParameterizedTest(name = "kubectl {0}")
    @ValueSource(strings = {"1.27", "1.33"})
    void getRawReachesPodsAndServices(String version) {
        Kubectl kubectl = cluster.kubectlOf(version);
        String base = "/api/v1/namespaces/" + namespace;
        for (String pod : pods) {
            assertThat(raw(kubectl, base + "/pods/" + pod + ":8080/proxy/")).isEqualTo(pod + "\n");
            assertThat(raw(kubectl, base + "/pods/" + pod + "/proxy/index.html")).isEqualTo(pod + "\n");
        }
        assertThat(raw(kubectl, base + "/services/http:web:80/proxy/").strip()).isIn(pods);
        assertThat(raw(kubectl, base + "/services/web:http/proxy/index.html").strip()).isIn(pods);
    }

    @ParameterizedTest(name = "kubectl {0}")
    @ValueSource(strings = {"1.27", "1.33"})
    void getRawReachesTheNodeAgents(String version) {
        Kubectl kubectl = cluster.kubectlOf(version);
        for (String node : LocalCluster.NODES) {
            String proxy = "/api/v1/nodes/" + node + "/proxy/";
            assertThat(raw(kubectl, proxy + "healthz")).isEqualTo("ok\n");
            assertThat(raw(kubectl, proxy + "pods")).contains("\"kind\":\"PodList\"");
            assertThat(raw(kubectl, proxy + "metrics")).contains("# TYPE jvm_memory_used_bytes gauge");
            assertThat(raw(kubectl, proxy + "stats/summary")).contains("\"nodeName\" : \"" + node + "\"");
        }
        assertThat(raw(kubectl, "/api/v1/nodes/node-1/proxy/pods") + raw(kubectl, "/api/v1/nodes/node-2/proxy/pods"))
                .contains(pods.get(0)).contains(pods.get(1));
    }

    @ParameterizedTest(name = "kubectl {0}")
    @ValueSource(strings = {"1.27", "1.33"})
    void badTargetsAreClearErrors(String version) {
        Kubectl kubectl = cluster.kubectlOf(version);
        String base = "/api/v1/namespaces/" + namespace;

        Kubectl.Result noPod = kubectl.run("get", "--raw", base + "/pods/no-such-pod/proxy/");
        Kubectl.Result closedPort = kubectl.run("get", "--raw", base + "/pods/" + pods.get(0) + ":9999/proxy/");
        Kubectl.Result noNode = kubectl.run("get", "--raw", "/api/v1/nodes/no-such-node/proxy/healthz");

        assertThat(noPod.exitCode()).isNotZero();
        assertThat(noPod.err()).contains("NotFound").contains("pods \"no-such-pod\" not found");
        assertThat(closedPort.exitCode()).isNotZero();
        assertThat(closedPort.err()).contains("ServiceUnavailable").contains("error trying to reach service")
                .contains(":9999").contains("connection refused");
        assertThat(noNode.err()).contains("nodes \"no-such-node\" not found");
        // The endpoints controller writes the lonely Service's Endpoints, with no subsets.
        String lonely = Poll.until(Duration.ofMinutes(1), "Endpoints of lonely", () -> {
            Kubectl.Result result = kubectl.run("get", "--raw", base + "/services/lonely:http/proxy/");
            return result.err().contains("ServiceUnavailable") ? result.err() : null;
        });
        assertThat(lonely).contains("no endpoints available for service \"lonely\"");
    }

    /** Types {@code line} every second until {@code expected} shows: the first may go out before the attach. */
    private static void typeUntilShown(Process kubectl, Path output, String line, String expected) {
        Poll.until(Duration.ofSeconds(90), "\"" + expected + "\" through kubectl debug", () -> {
            try {
                type(kubectl, line);
                Thread.sleep(1000);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException("typing into kubectl debug: " + read(output), e);
            }
            return read(output).contains(expected);
        });
    }

    private static void type(Process kubectl, String line) throws IOException {
        kubectl.getOutputStream().write(line.getBytes(StandardCharsets.UTF_8));
        kubectl.getOutputStream().flush();
    }

    private static void awaitTerminated(String pod, String debugger) {
        Pod ended = Poll.until(Duration.ofMinutes(1), debugger + " in " + pod + " terminated", () -> {
            Pod current = cluster.kubectlJson(Pod.class, "-n", namespace, "get", "pod", pod);
            return current.getStatus().getEphemeralContainerStatuses() != null
                    && current.getStatus().getEphemeralContainerStatuses().stream()
                            .anyMatch(status -> debugger.equals(status.getName())
                                    && status.getState().getTerminated() != null) ? current : null;
        });
        assertThat(ended.getStatus().getEphemeralContainerStatuses()).filteredOn(status ->
                debugger.equals(status.getName())).singleElement().satisfies(status ->
                        assertThat(status.getState().getTerminated().getExitCode()).isZero());
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

    private static String raw(Kubectl kubectl, String path) {
        Kubectl.Result result = kubectl.run("get", "--raw", path);
        assertThat(result.exitCode()).as(path + ": " + result.all()).isZero();
        return result.out();
    }
}
