package dev.keel.node.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keel.api.security.pki.CertificateKeyPair;
import dev.keel.api.testing.Kubectl;
import dev.keel.api.testing.PlatformApiServer;
import dev.keel.node.NodeAgent;
import dev.keel.node.NodeAgentProperties;
import dev.keel.node.probe.Prober;
import dev.keel.node.simulated.SimulatedBehaviour;
import dev.keel.node.simulated.SimulatedRuntime;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The real kubectl against platform-api, which proxies to an agent's HTTPS endpoint on the simulated runtime. The
 * simulated containers write nothing, so each test writes the container's CRI log file itself, where and how
 * containerd would; the file reading, the agent's server, the proxy and kubectl are all real. Exec needs a real
 * runtime's streaming server: it is tested against containerd ({@code NodeStreamsContainerdTest}).
 */
class NodeStreamsSimulatedTest {

    private static final String NODE = "streams-sim";
    private static final String NAMESPACE = "streams";
    static final java.util.List<String> VERSIONS = Kubectl.VERSIONS;

    private static PlatformApiServer api;
    private static KubernetesClient client;
    private static NodeAgentProperties properties;
    private static NodeServer server;
    private static NodeAgent agent;

    @BeforeAll
    static void start() throws Exception {
        api = PlatformApiServer.shared();
        client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(api.kubeconfig())))
            .build();
        properties = new NodeAgentProperties();
        properties.setName(NODE);
        properties.setPodCidr("10.244.9.0/24");
        properties.getInternalIps().add("127.0.0.1");
        properties.setHeartbeatPeriod(Duration.ofSeconds(1));
        properties.setPodResyncPeriod(Duration.ofMillis(200));
        properties.setLogDirectory(Files.createTempDirectory("keel-streams-logs-"));
        properties.setRootDirectory(Files.createTempDirectory("keel-streams-root-"));
        NodeServerFixture.configure(properties.getServer(), api);
        Clock clock = Clock.systemUTC();
        SimulatedRuntime runtime = new SimulatedRuntime(clock, SimulatedBehaviour.runForever(), properties.getPodCidr());
        server = new NodeServer(properties.getServer(), NODE, runtime, properties.getLogDirectory(), clock);
        server.start();
        agent = new NodeAgent(client, runtime, new Prober(runtime, false), properties, clock);
        agent.start();
        if (client.namespaces().withName(NAMESPACE).get() == null) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata()
                .build()).create();
        }
    }

    @AfterAll
    static void stop() {
        agent.close();
        server.close();
        client.close();
    }

    @ParameterizedTest(name = "kubectl {0}")
    @FieldSource("VERSIONS")
    void logsTailTimestampsAndPrevious(String version) throws Exception {
        String name = "talker-" + version.replace(".", "");
        Path log = runningPodLog(name, 0);
        write(log, line(0, "one"), line(1, "two"), line(2, "three"));
        Kubectl kubectl = kubectl(version);

        assertThat(kubectl.run("-n", NAMESPACE, "logs", name).out()).isEqualTo("one\ntwo\nthree\n");
        assertThat(kubectl.run("-n", NAMESPACE, "logs", name, "--tail=1").out()).isEqualTo("three\n");
        assertThat(kubectl.run("-n", NAMESPACE, "logs", name, "-c", "app", "--tail=1", "--timestamps").out())
            .isEqualTo(Instant.parse("2026-01-01T00:00:02Z") + " three\n");
        assertThat(kubectl.run("-n", NAMESPACE, "logs", name, "--limit-bytes=6").out()).isEqualTo("one\ntw");

        Kubectl.Result noPrevious = kubectl.run("-n", NAMESPACE, "logs", name, "--previous");
        assertThat(noPrevious.exitCode()).isNotZero();
        assertThat(noPrevious.err()).contains("previous terminated container \"app\" in pod \"" + name + "\" not found");
        // After a restart the agent writes attempt 1; --previous reads attempt 0.
        write(log.resolveSibling("1.log"), line(5, "again"));
        assertThat(kubectl.run("-n", NAMESPACE, "logs", name).out()).isEqualTo("again\n");
        assertThat(kubectl.run("-n", NAMESPACE, "logs", name, "--previous").out()).isEqualTo("one\ntwo\nthree\n");
    }

    @ParameterizedTest(name = "kubectl {0}")
    @FieldSource("VERSIONS")
    void followPrintsLinesAsTheyAreWritten(String version) throws Exception {
        String name = "follower-" + version.replace(".", "");
        Path log = runningPodLog(name, 0);
        write(log, line(0, "old"), line(1, "recent"));
        Path output = Files.createTempFile("keel-logs-f-", ".out");
        Process follow = kubectl(version).start(output, "-n", NAMESPACE, "logs", "-f", "--tail=1", name);
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.readString(output).equals("recent\n"));
            Files.writeString(log, line(2, "fresh") + "\n", StandardOpenOption.APPEND);
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(output).equals("recent\nfresh\n"));
            assertThat(follow.isAlive()).isTrue();
        } finally {
            follow.destroy();
            follow.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest(name = "kubectl {0}")
    @FieldSource("VERSIONS")
    void rotatedLogsAreReadAndALogRotatedAwayIsAClearError(String version) throws Exception {
        String name = "rotated-" + version.replace(".", "");
        Path log = runningPodLog(name, 0);
        Kubectl kubectl = kubectl(version);
        // Between the rename and the runtime's reopen: the newest rotated file holds the current lines.
        write(log.resolveSibling("0.log.20260101-000000"), line(0, "before rotation"));
        assertThat(kubectl.run("-n", NAMESPACE, "logs", name).out()).isEqualTo("before rotation\n");
        // The runtime reopened: only the live file is read, as the kubelet does.
        write(log, line(1, "after rotation"));
        assertThat(kubectl.run("-n", NAMESPACE, "logs", name).out()).isEqualTo("after rotation\n");
        // Only a compressed file is left: an error naming the file, also for -f, which does not hang.
        Files.delete(log);
        Files.move(log.resolveSibling("0.log.20260101-000000"), log.resolveSibling("0.log.20260101-000000.gz"));
        for (String[] args : List.of(new String[] {"-n", NAMESPACE, "logs", name},
            new String[] {"-n", NAMESPACE, "logs", "-f", name})) {
            Kubectl.Result gone = kubectl.run(args);
            assertThat(gone.exitCode()).as(gone.all()).isNotZero();
            assertThat(gone.err()).contains("failed to open log file").contains("0.log");
        }
    }

    @ParameterizedTest(name = "kubectl {0}")
    @FieldSource("VERSIONS")
    void topPodAndTopNodeShowTheAgentsUsage(String version) throws Exception {
        String name = "busy-" + version.replace(".", "");
        runningPodLog(name, 0);
        Kubectl kubectl = kubectl(version);
        // The simulated runtime reports 1m of CPU and 4Mi of memory per container.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
            assertThat(kubectl.run("-n", NAMESPACE, "top", "pod", name).out()).contains(name).contains("1m")
                .contains("4Mi"));
        Kubectl.Result node = kubectl.run("top", "node", NODE);
        assertThat(node.exitCode()).as(node.all()).isZero();
        assertThat(node.out()).contains(NODE);
    }

    @ParameterizedTest(name = "kubectl {0}")
    @FieldSource("VERSIONS")
    void logsOfAPodWithoutANodeAreRefused(String version) {
        String name = "unbound-" + version.replace(".", "");
        client.pods().inNamespace(NAMESPACE).resource(new PodBuilder().withNewMetadata().withName(name).endMetadata()
            .withNewSpec().addNewContainer().withName("app").withImage("localhost:5000/busybox:1.35").endContainer()
            .endSpec().build()).create();
        Kubectl.Result result = kubectl(version).run("-n", NAMESPACE, "logs", name);
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).contains("does not have a host assigned");
    }

    @org.junit.jupiter.api.Test
    void agentServesOnlyPlatformApisClientCertificate() throws Exception {
        Path pki = api.caCertificate().getParent();
        // Signed by the same cluster CA, but not the API server's identity: refused.
        assertThat(healthzWith(pki, "admin")).isEqualTo(403);
        assertThat(healthzWith(pki, "apiserver-kubelet-client")).isEqualTo(200);
    }

    private static int healthzWith(Path pki, String certificate) throws Exception {
        CertificateKeyPair pair = CertificateKeyPair.load(pki.resolve(certificate + ".crt"),
            pki.resolve(certificate + ".key"));
        char[] password = new char[0];
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, password);
        keys.setKeyEntry("client", pair.privateKey(), password, new Certificate[] {pair.certificate()});
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, password);
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, password);
        trusted.setCertificateEntry("ca", CertificateKeyPair.load(api.caCertificate(), pki.resolve("ca.key"))
            .certificate());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), trust.getTrustManagers(), null);
        HttpClient http = HttpClient.newBuilder().sslContext(tls).build();
        return http.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + properties.getServer().getPort()
            + "/healthz")).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Creates a pod bound to this node, waits for it to run, and answers its container's log file of {@code attempt}. */
    private static Path runningPodLog(String name, int attempt) throws IOException {
        if (client.pods().inNamespace(NAMESPACE).withName(name).get() == null) {
            client.pods().inNamespace(NAMESPACE).resource(new PodBuilder().withNewMetadata().withName(name)
                .endMetadata().withNewSpec().withNodeName(NODE).addNewContainer().withName("app")
                .withImage("localhost:5000/busybox:1.35").endContainer().endSpec().build()).create();
        }
        Pod running = await().atMost(Duration.ofSeconds(20))
            .until(() -> client.pods().inNamespace(NAMESPACE).withName(name).get(),
                pod -> pod != null && pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase()));
        Path directory = properties.getLogDirectory()
            .resolve(NAMESPACE + "_" + name + "_" + running.getMetadata().getUid()).resolve("app");
        Files.createDirectories(directory);
        return directory.resolve(attempt + ".log");
    }

    private static Kubectl kubectl(String version) {
        return new Kubectl(version, api.kubeconfig()).withTimeout(Duration.ofSeconds(30));
    }

    private static String line(int second, String text) {
        return Instant.parse("2026-01-01T00:00:00Z").plusSeconds(second) + " stdout F " + text;
    }

    private static void write(Path file, String... lines) throws IOException {
        Files.writeString(file, String.join("\n", lines) + "\n");
    }
}
