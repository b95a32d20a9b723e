package dev.keel.node.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.keel.api.proxy.ProxyProperties;
import dev.keel.api.security.TlsClients;
import dev.keel.api.security.pki.Pem;
import dev.keel.api.testing.Kubectl;
import dev.keel.api.testing.PlatformApiServer;
import dev.keel.node.NodeAgent;
import dev.keel.node.NodeAgentProperties;
import dev.keel.node.cri.CriRuntime;
import dev.keel.node.probe.Prober;
import dev.keel.node.testing.ContainerdServer;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * {@code kubectl debug} with ephemeral containers and the proxy subresources on a real node: the real kubectl 1.27 and
 * 1.33, platform-api in this JVM, the agent's HTTPS endpoint, a real containerd. platform-api dials the pod IPs (on
 * the fixture's bridge, routed on this machine) itself, as kube-apiserver does; nodes/proxy goes to the agent.
 */
class DebugAndProxyContainerdTest {

    private static final String NODE = "cri-debug";
    private static final String NAMESPACE = "debug-cri";
    private static final String BUSYBOX = "localhost:5000/busybox:1.35";
    static final List<String> VERSIONS = Kubectl.VERSIONS;

    private static PlatformApiServer api;
    private static CriRuntime runtime;
    private static KubernetesClient client;
    private static NodeServer server;
    private static NodeAgent agent;
    private static HttpServer echo;
    private static HttpClient http;
    private static List<String> refusedRanges;

    @BeforeAll
    static void start() throws Exception {
        ContainerdServer containerd = ContainerdServer.shared();
        runtime = containerd.newClient();
        api = PlatformApiServer.shared();
        // This node's agent and the echo backend listen on 127.0.0.1, which the proxy subresources refuse by default
        // (keel.api.proxy.refused-ranges); this test opts in to loopback. The list is read per request, so it applies
        // to the shared server whichever test class started it.
        ProxyProperties proxy = api.context().getBean(ProxyProperties.class);
        refusedRanges = proxy.getRefusedRanges();
        proxy.setRefusedRanges(refusedRanges.stream().filter(range -> !range.equals("127.0.0.0/8")).toList());
        client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(api.kubeconfig())))
            .build();
        http = HttpClient.newBuilder().sslContext(TlsClients.trusting(Pem.readCertificate(api.caCertificate())))
            .build();
        NodeAgentProperties properties = containerd.nodeProperties(NODE, "debug");
        NodeServerFixture.configure(properties.getServer(), api);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.counter("keel_test_node_requests").increment();
        agent = new NodeAgent(client, runtime, new Prober(runtime, true), properties, Clock.systemUTC());
        server = new NodeServer(properties.getServer(), NODE, runtime, properties.getLogDirectory(),
            Clock.systemUTC(), agent::pods, () -> Optional.of(registry.scrape()));
        server.start();
        agent.start();
        echo = echoServer();
        if (client.namespaces().withName(NAMESPACE).get() == null) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata()
                .build()).create();
        }
        client.pods().inNamespace(NAMESPACE).resource(new PodBuilder().withNewMetadata().withName("web").endMetadata()
            .withNewSpec().withNodeName(NODE).withTerminationGracePeriodSeconds(1L)
            .addNewContainer().withName("main").withImage(BUSYBOX).withImagePullPolicy("IfNotPresent")
            .withCommand("sh", "-c", "mkdir -p /www && echo hello from web > /www/index.html && httpd -f -p 8080 -h /www")
            .addNewPort().withName("http").withContainerPort(8080).endPort().endContainer().endSpec().build()).create();
        Pod web = await().atMost(Duration.ofSeconds(60)).until(() -> client.pods().inNamespace(NAMESPACE)
            .withName("web").get(), pod -> pod != null && pod.getStatus() != null
            && "Running".equals(pod.getStatus().getPhase()));
        client.services().inNamespace(NAMESPACE).resource(new ServiceBuilder().withNewMetadata().withName("web")
            .endMetadata().withNewSpec().addNewPort().withName("http").withPort(80).withNewTargetPort(8080).endPort()
            .endSpec().build()).create();
        // No endpoints controller runs in this JVM: the Endpoints are written as it would write them, the pod named in
        // each address's targetRef (without one, services/proxy refuses the address, as kube-apiserver does).
        client.endpoints().inNamespace(NAMESPACE).resource(new EndpointsBuilder().withNewMetadata().withName("web")
            .endMetadata().addNewSubset().addNewAddress().withIp(web.getStatus().getPodIP()).withNewTargetRef()
            .withKind("Pod").withNamespace(NAMESPACE).withName("web").endTargetRef().endAddress()
            .addNewPort().withName("http").withPort(8080).endPort().endSubset().build()).create();
    }

    @AfterAll
    static void stop() {
        if (refusedRanges != null) {
            api.context().getBean(ProxyProperties.class).setRefusedRanges(refusedRanges);
        }
        client.pods().inNamespace(NAMESPACE).withName("web").delete();
        await().atMost(Duration.ofSeconds(30)).until(() -> client.pods().inNamespace(NAMESPACE).list().getItems()
            .isEmpty());
        echo.stop(0);
        agent.close();
        server.close();
        client.close();
        runtime.close();
    }

    @ParameterizedTest(name = "kubectl {0}")
    @FieldSource("VERSIONS")
    void debugWithATargetSeesTheTargetsProcesses(String version) {
        String name = "debugger-" + version.replace(".", "");
        Kubectl kubectl = kubectl(version);

        Kubectl.Result debug = kubectl.run("-n", NAMESPACE, "debug", "web", "--image=" + BUSYBOX,
            "--image-pull-policy=IfNotPresent", "--target=main", "-c", name, "--", "ps");

        assertThat(debug.exitCode()).as(debug.all()).isZero();
        ContainerStatus status = await().atMost(Duration.ofSeconds(60)).until(() -> ephemeralStatus(name),
            found -> found != null && found.getState().getTerminated() != null);
        assertThat(status.getState().getTerminated().getExitCode()).isZero();
        Kubectl.Result logs = kubectl.run("-n", NAMESPACE, "logs", "web", "-c", name);
        assertThat(logs.exitCode()).as(logs.all()).isZero();
        // The target's processes, seen from the debugger's shared process namespace.
        assertThat(logs.out()).contains("httpd -f -p 8080").contains("ps");
        // Never restarted: the status stays terminated after further syncs.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() ->
            ephemeralStatus(name).getState().getTerminated() != null);
        assertThat(ephemeralStatus(name).getRestartCount()).isZero();
    }

    @ParameterizedTest(name = "kubectl {0}")
    @FieldSource("VERSIONS")
    void debugInteractiveRunsTypedCommandsAndShowsTheirOutput(String version) throws Exception {
        String name = "interactive-" + version.replace(".", "");
        Path output = Files.createTempFile("keel-debug-i-", ".out");
        Process debug = kubectl(version).start(output, "-n", NAMESPACE, "debug", "web", "-i", "--image=" + BUSYBOX,
            "--image-pull-policy=IfNotPresent", "--target=main", "-c", name, "--", "sh");
        try {
            typeUntilShown(debug, output, "echo answer-$((6*7))\n", "answer-42");
            type(debug, "exit\n");
            assertThat(debug.waitFor(60, TimeUnit.SECONDS)).as(Files.readString(output)).isTrue();
            assertThat(debug.exitValue()).as(Files.readString(output)).isZero();
        } finally {
            stop(debug);
        }
        assertTerminatedWithZero(name);
    }

    @ParameterizedTest(name = "kubectl {0}")
    @FieldSource("VERSIONS")
    void debugWithATerminalDrivesAnInteractiveShell(String version) throws Exception {
        String name = "terminal-" + version.replace(".", "");
        Path output = Files.createTempFile("keel-debug-it-", ".out");
        Process debug = kubectl(version).startInTerminal(output, "-n", NAMESPACE, "debug", "web", "-it",
            "--image=" + BUSYBOX, "--image-pull-policy=IfNotPresent", "--target=main", "-c", name, "--", "sh");
        try {
            typeUntilShown(debug, output, "echo answer-$((6*7))\n", "answer-42");
            type(debug, "tty; exit\n");
            assertThat(debug.waitFor(60, TimeUnit.SECONDS)).as(Files.readString(output)).isTrue();
            assertThat(Files.readString(output)).contains("/dev/pts/");
        } finally {
            stop(debug);
        }
        assertTerminatedWithZero(name);
    }

    @ParameterizedTest(name = "kubectl {0}")
    @FieldSource("VERSIONS")
    void stdinThatEndsDetachesAndTheShellWaitsForAnAttach(String version) throws Exception {
        String name = "piped-" + version.replace(".", "");
        Kubectl kubectl = kubectl(version);
        // kubectl debug never sets stdinOnce: as against any kubelet on containerd, the end of kubectl's stdin ends
        // this client's attach (its output may or may not come before) and the container's stdin stays open.
        Kubectl.Result piped = kubectl.runWithInput("echo first-$((6*7))\n", "-n", NAMESPACE, "debug", "web", "-i",
            "--image=" + BUSYBOX, "--image-pull-policy=IfNotPresent", "--target=main", "-c", name, "--", "sh");
        assertThat(piped.exitCode()).as(piped.all()).isZero();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(kubectl.run("-n", NAMESPACE, "logs",
            "web", "-c", name).out()).contains("first-42"));
        assertThat(ephemeralStatus(name).getState().getRunning()).isNotNull();

        Path output = Files.createTempFile("keel-debug-reattach-", ".out");
        Process attach = kubectl.start(output, "-n", NAMESPACE, "attach", "web", "-i", "-c", name);
        try {
            typeUntilShown(attach, output, "echo again-$((6*7))\n", "again-42");
            type(attach, "exit\n");
            assertThat(attach.waitFor(60, TimeUnit.SECONDS)).as(Files.readString(output)).isTrue();
        } finally {
            stop(attach);
        }
        assertTerminatedWithZero(name);
    }

    @Test
    void anEphemeralContainerWithoutATargetHasItsOwnProcessNamespace() {
        Kubectl kubectl = kubectl("1.33");
        Kubectl.Result debug = kubectl.run("-n", NAMESPACE, "debug", "web", "--image=" + BUSYBOX,
            "--image-pull-policy=IfNotPresent", "-c", "alone", "--", "ps");
        assertThat(debug.exitCode()).as(debug.all()).isZero();
        await().atMost(Duration.ofSeconds(60)).until(() -> ephemeralStatus("alone"),
            found -> found != null && found.getState().getTerminated() != null);
        assertThat(kubectl.run("-n", NAMESPACE, "logs", "web", "-c", "alone").out()).contains("ps")
            .doesNotContain("httpd");
    }

    @ParameterizedTest(name = "kubectl {0}")
    @FieldSource("VERSIONS")
    void getRawThroughThePodAndServiceProxies(String version) {
        Kubectl kubectl = kubectl(version);
        String pods = "/api/v1/namespaces/" + NAMESPACE + "/pods/";
        String services = "/api/v1/namespaces/" + NAMESPACE + "/services/";
        for (String path : List.of(pods + "web:8080/proxy/index.html", pods + "web/proxy/",
            pods + "http:web:http/proxy/", services + "web:80/proxy/", services + "http:web:80/proxy/",
            services + "web:http/proxy/index.html")) {
            Kubectl.Result raw = kubectl.run("get", "--raw", path);
            assertThat(raw.exitCode()).as(path + ": " + raw.all()).isZero();
            assertThat(raw.out()).as(path).isEqualTo("hello from web\n");
        }
    }

    @ParameterizedTest(name = "kubectl {0}")
    @FieldSource("VERSIONS")
    void aPortNothingListensOnIsAClearError(String version) {
        Kubectl.Result refused = kubectl(version).run("get", "--raw",
            "/api/v1/namespaces/" + NAMESPACE + "/pods/web:9999/proxy/");

        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.err()).contains("ServiceUnavailable").contains("error trying to reach service")
            .contains(":9999").contains("connection refused");
    }

    @ParameterizedTest(name = "kubectl {0}")
    @FieldSource("VERSIONS")
    void nodesProxyReachesTheAgent(String version) {
        Kubectl kubectl = kubectl(version);
        String node = "/api/v1/nodes/" + NODE + "/proxy/";

        assertThat(kubectl.run("get", "--raw", node + "healthz").out()).isEqualTo("ok\n");
        assertThat(kubectl.run("get", "--raw", node + "pods").out()).contains("\"kind\":\"PodList\"")
            .contains("\"name\":\"web\"");
        assertThat(kubectl.run("get", "--raw", node + "metrics").out()).contains("keel_test_node_requests_total 1.0");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(kubectl.run("get", "--raw",
            node + "stats/summary").out()).contains("\"nodeName\" : \"" + NODE + "\"").contains("\"name\" : \"web\"")
            .contains("workingSetBytes"));
        Kubectl.Result unknown = kubectl.run("get", "--raw", node + "no-such-path");
        assertThat(unknown.exitCode()).isNotZero();
        assertThat(unknown.err()).contains("NotFound");
    }

    @Test
    void everyMethodReachesANodePortWithPathQueryAndBody() throws Exception {
        String base = "/api/v1/nodes/" + NODE + ":" + echo.getAddress().getPort() + "/proxy";
        for (String method : List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")) {
            String body = List.of("POST", "PUT", "PATCH").contains(method) ? "body of " + method : null;
            HttpResponse<String> answer = send(method, base + "/echo/a%20b?x=1&y=2", body);
            assertThat(answer.statusCode()).as(method).isEqualTo(200);
            // The backend sees the path, query and body, but not the client's credentials for platform-api.
            assertThat(answer.body()).as(method).isEqualTo(method + " /echo/a%20b?x=1&y=2 "
                + (body == null ? "" : body) + " auth=none");
            assertThat(answer.headers().firstValue("X-Echo")).contains("yes");
        }
        HttpResponse<String> head = send("HEAD", base + "/echo", null);
        assertThat(head.statusCode()).isEqualTo(200);
        HttpResponse<String> bare = send("GET", base + "?q=1", null);
        assertThat(bare.statusCode()).isEqualTo(301);
        assertThat(bare.headers().firstValue("Location")).contains(base + "/?q=1");
        HttpResponse<String> bareDelete = send("DELETE", base, null);
        assertThat(bareDelete.body()).startsWith("DELETE / ");
    }

    @Test
    void kubectlCreateAndDeleteRawPostAndDeleteThroughTheProxy() throws Exception {
        Kubectl kubectl = kubectl("1.33");
        Path body = Files.createTempFile("keel-proxy-body-", ".json");
        Files.writeString(body, "{\"hello\":\"node\"}");
        String path = "/api/v1/nodes/" + NODE + ":" + echo.getAddress().getPort() + "/proxy/things";

        Kubectl.Result created = kubectl.run("create", "--raw", path, "-f", body.toString());
        Kubectl.Result deleted = kubectl.run("delete", "--raw", path);

        assertThat(created.out()).as(created.all()).startsWith("POST /things {\"hello\":\"node\"}");
        assertThat(deleted.out()).as(deleted.all()).startsWith("DELETE /things");
    }

    @Test
    void kubectlProxyServesTheServiceProxy() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Path output = Files.createTempFile("keel-kubectl-proxy-", ".out");
        Process proxy = kubectl("1.27").start(output, "proxy", "--address=127.0.0.1", "--port=" + port);
        try {
            URI uri = URI.create("http://127.0.0.1:" + port + "/api/v1/namespaces/" + NAMESPACE
                + "/services/web:http/proxy/index.html");
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
                // HTTP/1.1: the JDK's HTTP/2 attempt (Upgrade: h2c) would make kubectl proxy relay an upgrade.
                HttpClient plain = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                HttpResponse<String> answer = plain.send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).isEqualTo(200);
                assertThat(answer.body()).isEqualTo("hello from web\n");
            });
        } finally {
            proxy.destroy();
            proxy.waitFor();
        }
    }

    /** Types {@code line} once a second until {@code expected} shows: the first may go out before the attach. */
    private static void typeUntilShown(Process kubectl, Path output, String line, String expected) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            type(kubectl, line);
            return Files.readString(output).contains(expected);
        });
    }

    private static void type(Process kubectl, String line) throws IOException {
        kubectl.getOutputStream().write(line.getBytes(StandardCharsets.UTF_8));
        kubectl.getOutputStream().flush();
    }

    private static void assertTerminatedWithZero(String name) {
        ContainerStatus status = await().atMost(Duration.ofSeconds(60)).until(() -> ephemeralStatus(name),
            found -> found != null && found.getState().getTerminated() != null);
        assertThat(status.getState().getTerminated().getExitCode()).isZero();
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private static ContainerStatus ephemeralStatus(String name) {
        Pod pod = client.pods().inNamespace(NAMESPACE).withName("web").get();
        if (pod.getStatus() == null || pod.getStatus().getEphemeralContainerStatuses() == null) {
            return null;
        }
        return pod.getStatus().getEphemeralContainerStatuses().stream().filter(status -> name.equals(status.getName()))
            .findFirst().orElse(null);
    }

    private static HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(api.url() + path))
            .header("Authorization", "Bearer " + api.adminToken())
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Answers "METHOD raw-path?query body auth=..." on loopback: what a backend behind nodes/NODE:PORT/proxy saw. */
    private static HttpServer echoServer() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            URI uri = exchange.getRequestURI();
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            byte[] answer = (exchange.getRequestMethod() + " " + uri.getRawPath()
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()) + " " + body
                + " auth=" + (auth == null ? "none" : auth)).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("X-Echo", "yes");
            if (exchange.getRequestMethod().equals("HEAD")) {
                exchange.sendResponseHeaders(200, -1);
            } else {
                exchange.sendResponseHeaders(200, answer.length);
                exchange.getResponseBody().write(answer);
            }
            exchange.close();
        });
        server.start();
        return server;
    }

    private static Kubectl kubectl(String version) {
        return new Kubectl(version, api.kubeconfig()).withTimeout(Duration.ofSeconds(60));
    }
}
