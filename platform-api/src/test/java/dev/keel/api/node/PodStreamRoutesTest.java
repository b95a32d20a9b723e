package dev.keel.api.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keel.api.security.ClusterCredentials;
import dev.keel.api.security.TlsClients;
import dev.keel.api.security.pki.CertificateAuthority;
import dev.keel.api.security.pki.CertificateKeyPair;
import dev.keel.api.security.pki.CertificateProfile;
import dev.keel.api.security.pki.Pem;
import dev.keel.api.security.pki.SubjectAlternativeNames;
import dev.keel.api.testing.ApiServerTest;
import dev.keel.api.status.ApiException;
import dev.keel.api.testing.TestApiClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code pods/attach} and {@code pods/portforward} as platform-api serves them: the errors it answers itself, and
 * what it sends a node agent. The agent here is a stand-in TLS server on loopback (signed by the cluster CA) that
 * records the request head, answers as the test says and echoes the stream: it checks the SPDY-over-WebSocket
 * translation byte for byte. The real agent, containerd and kubectl are driven in node-agent's
 * {@code StreamVerbsContainerdTest}.
 */
class PodStreamRoutesTest extends ApiServerTest {

    private static final String TUNNEL = "SPDY/3.1+portforward.k8s.io";

    @Autowired
    private ClusterCredentials credentials;
    @Autowired
    private NodeClientProperties nodeProperties;

    private String ns;
    private StandInAgent agent;

    @BeforeEach
    void setUp() throws Exception {
        ns = createNamespace("streams");
        agent = StandInAgent.start(pkiDirectory());
        String node = "stream-node-" + agent.port();
        api().post("/api/v1/nodes", "{\"metadata\":{\"name\":\"" + node + "\"}}");
        assertThat(api().put("/api/v1/nodes/" + node + "/status", "{\"metadata\":{\"name\":\"" + node + "\"},"
            + "\"status\":{\"addresses\":[{\"type\":\"InternalIP\",\"address\":\"127.0.0.1\"}],"
            + "\"daemonEndpoints\":{\"kubeletEndpoint\":{\"Port\":" + agent.port() + "}}}}").status()).isEqualTo(200);
        createPod("web", node, "Running");
        createPod("done", node, "Succeeded");
        createPod("unplaced", null, "Pending");
    }

    @AfterEach
    void tearDown() throws IOException {
        agent.close();
    }

    @Test
    void aSpdyPortForwardIsRelayedToTheAgentAsItCame() throws Exception {
        agent.answerUpgrade("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\n"
            + "X-Stream-Protocol-Version: portforward.k8s.io\r\n\r\n");
        try (SSLSocket client = rawClient()) {
            send(client, "POST /api/v1/namespaces/" + ns + "/pods/web/portforward HTTP/1.1\r\nHost: x\r\n"
                + "Authorization: Bearer " + readAdminToken() + "\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\n"
                + "X-Stream-Protocol-Version: portforward.k8s.io\r\nContent-Length: 0\r\n\r\n");
            String head = readHead(client.getInputStream());
            assertThat(head).startsWith("HTTP/1.1 101").containsIgnoringCase("Upgrade: SPDY/3.1")
                .containsIgnoringCase("X-Stream-Protocol-Version: portforward.k8s.io");
            send(client, "spdy bytes");
            assertThat(new String(client.getInputStream().readNBytes(10), StandardCharsets.UTF_8))
                .isEqualTo("spdy bytes");
        }
        assertThat(agent.requestHead()).startsWith("POST /portForward/" + ns + "/web HTTP/1.1\r\n")
            .contains("Upgrade: SPDY/3.1").contains("X-Stream-Protocol-Version: portforward.k8s.io");
    }

    @Test
    void aWebSocketTunnelBecomesASpdyUpgradeAndCarriesTheBytesInBinaryMessages() throws Exception {
        agent.answerUpgrade("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\n"
            + "X-Stream-Protocol-Version: portforward.k8s.io\r\n\r\n");
        try (SSLSocket client = rawClient()) {
            // The JDK's WebSocket client refuses "SPDY/3.1+..." as a subprotocol token: the handshake is written here.
            send(client, webSocketHandshake("/api/v1/namespaces/" + ns + "/pods/web/portforward"));
            String head = readHead(client.getInputStream());
            assertThat(head).startsWith("HTTP/1.1 101").containsIgnoringCase("Upgrade: websocket")
                .containsIgnoringCase("Sec-WebSocket-Protocol: " + TUNNEL)
                .containsIgnoringCase("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
            WebSocketFrames.writeBinary(client.getOutputStream(), "first frame".getBytes(StandardCharsets.UTF_8));
            assertThat(WebSocketFrames.readBinary(client.getInputStream())).asString(StandardCharsets.UTF_8)
                .isEqualTo("first frame");
            byte[] large = "0123456789abcdef".repeat(4096).getBytes(StandardCharsets.UTF_8);
            WebSocketFrames.writeBinary(client.getOutputStream(), large);
            ByteArrayOutputStream echoed = new ByteArrayOutputStream();
            while (echoed.size() < large.length) {
                echoed.writeBytes(WebSocketFrames.readBinary(client.getInputStream()));
            }
            assertThat(echoed.toByteArray()).isEqualTo(large);
        }
        assertThat(agent.requestHead()).startsWith("POST /portForward/" + ns + "/web HTTP/1.1\r\n")
            .contains("Upgrade: SPDY/3.1").contains("X-Stream-Protocol-Version: portforward.k8s.io")
            .doesNotContainIgnoringCase("Sec-WebSocket");
    }

    @Test
    void anAgentRefusingTheTunnelledUpgradeFailsTheHandshakeSoKubectlFallsBackToSpdy() throws Exception {
        agent.answerUpgrade("HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nContent-Length: 21\r\n\r\n"
            + "pod not found (\"x\")\n");
        try (SSLSocket client = rawClient()) {
            send(client, webSocketHandshake("/api/v1/namespaces/" + ns + "/pods/web/portforward"));
            assertThat(readHead(client.getInputStream())).startsWith("HTTP/1.1 404");
        }
    }

    @Test
    void anAttachGoesToTheAgentsAttachRouteWithTheClientsStreams() throws Exception {
        agent.answerUpgrade("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\n"
            + "X-Stream-Protocol-Version: v4.channel.k8s.io\r\n\r\n");
        try (SSLSocket client = rawClient()) {
            send(client, "POST /api/v1/namespaces/" + ns + "/pods/web/attach?container=main&stdin=true&stdout=true"
                + "&tty=true HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + readAdminToken() + "\r\n"
                + "Connection: Upgrade\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: v4.channel.k8s.io\r\n"
                + "X-Stream-Protocol-Version: channel.k8s.io\r\nContent-Length: 0\r\n\r\n");
            assertThat(readHead(client.getInputStream())).startsWith("HTTP/1.1 101");
        }
        assertThat(agent.requestHead())
            .startsWith("POST /attach/" + ns + "/web/main?container=main&stdin=true&stdout=true&tty=true HTTP/1.1\r\n")
            .contains("X-Stream-Protocol-Version: v4.channel.k8s.io")
            .contains("X-Stream-Protocol-Version: channel.k8s.io");
    }

    @Test
    void thePortsParameterBecomesTheAgentsPortParameterAsKubeApiserverSendsIt() throws Exception {
        agent.answerUpgrade("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\n"
            + "X-Stream-Protocol-Version: portforward.k8s.io\r\n\r\n");
        try (SSLSocket client = rawClient()) {
            send(client, "POST /api/v1/namespaces/" + ns + "/pods/web/portforward?ports=8080&ports=9090&other=x "
                + "HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + readAdminToken() + "\r\nConnection: Upgrade\r\n"
                + "Upgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: portforward.k8s.io\r\nContent-Length: 0\r\n\r\n");
            assertThat(readHead(client.getInputStream())).startsWith("HTTP/1.1 101");
        }
        assertThat(agent.requestHead()).startsWith("POST /portForward/" + ns + "/web?port=8080,9090 HTTP/1.1\r\n");
        try (SSLSocket client = rawClient()) {
            send(client, webSocketHandshake("/api/v1/namespaces/" + ns + "/pods/web/portforward?ports=5432"));
            assertThat(readHead(client.getInputStream())).startsWith("HTTP/1.1 101");
        }
        assertThat(agent.requestHead()).startsWith("POST /portForward/" + ns + "/web?port=5432 HTTP/1.1\r\n");
        try (SSLSocket client = rawClient()) {
            send(client, webSocketHandshake("/api/v1/namespaces/" + ns + "/pods/web/portforward"));
            assertThat(readHead(client.getInputStream())).startsWith("HTTP/1.1 101");
        }
        assertThat(agent.requestHead()).startsWith("POST /portForward/" + ns + "/web HTTP/1.1\r\n");
    }

    @Test
    void aPortThatIsNotANumberIsABadRequest() throws IOException {
        RawResponse response = upgradeRequest("/api/v1/namespaces/" + ns + "/pods/web/portforward?ports=http");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("message").asText()).startsWith("invalid port \"http\"");
        assertThat(agent.connections()).isZero();
    }

    @Test
    void anAgentThatNeverAnswersTheUpgradeFailsWithATimeoutNamingTheNode() {
        agent.answerUpgrade("");
        NodeTarget target = new NodeTarget("stuck-node", "127.0.0.1", agent.port(), null);
        SSLContext tls = NodeTls.context(credentials, nodeProperties.getClientName());

        assertThatThrownBy(() -> AgentUpgrade.send(tls, Duration.ofSeconds(5), Duration.ofMillis(500), target, "POST",
            "/attach/" + ns + "/web/main", List.of(Map.entry("Upgrade", "SPDY/3.1"))))
            .isInstanceOfSatisfying(ApiException.class, e -> {
                assertThat(e.status().getCode()).isEqualTo(504);
                assertThat(e.status().getReason()).isEqualTo("Timeout");
                assertThat(e.status().getMessage()).isEqualTo("the agent of node stuck-node at https://127.0.0.1:"
                    + agent.port() + " did not answer the upgrade within 500ms");
            });
    }

    @Test
    void aPodThatDoesNotExistIsNotFound() throws IOException {
        for (String subresource : List.of("attach", "portforward")) {
            RawResponse response = upgradeRequest("/api/v1/namespaces/" + ns + "/pods/nope/" + subresource);
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.json().path("reason").asText()).isEqualTo("NotFound");
            assertThat(response.json().path("message").asText()).isEqualTo("pods \"nope\" not found");
        }
        assertThat(agent.connections()).isZero();
    }

    @Test
    void aPodWithoutANodeCannotBeReached() throws IOException {
        for (String subresource : List.of("attach", "portforward")) {
            RawResponse response = upgradeRequest("/api/v1/namespaces/" + ns + "/pods/unplaced/" + subresource);
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.json().path("message").asText()).isEqualTo("pod unplaced does not have a host assigned");
        }
    }

    @Test
    void attachingToACompletedPodIsRefusedWithKubectlsWords() throws IOException {
        RawResponse response = upgradeRequest("/api/v1/namespaces/" + ns + "/pods/done/attach?stdout=true");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("message").asText())
            .isEqualTo("cannot attach a container in a completed pod; current phase is Succeeded");
        assertThat(agent.connections()).isZero();
    }

    @Test
    void aStreamingRequestWithoutAnUpgradeIsABadRequest() {
        for (String subresource : List.of("attach", "portforward")) {
            TestApiClient.Response response = api().post("/api/v1/namespaces/" + ns + "/pods/web/" + subresource, "");
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.json().path("message").asText()).isEqualTo("Upgrade request required");
        }
        assertThat(agent.connections()).isZero();
    }

    @Test
    void anUnknownContainerIsABadRequest() throws IOException {
        RawResponse response = upgradeRequest("/api/v1/namespaces/" + ns + "/pods/web/attach?container=x");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("message").asText()).isEqualTo("container x is not valid for pod web");
    }

    private void createPod(String name, String node, String phase) {
        String nodeName = node == null ? "" : ",\"nodeName\":\"" + node + "\"";
        assertThat(api().post("/api/v1/namespaces/" + ns + "/pods", "{\"metadata\":{\"name\":\"" + name + "\"},"
            + "\"spec\":{\"containers\":[{\"name\":\"main\",\"image\":\"busybox\"}]" + nodeName + "}}").status())
            .isEqualTo(201);
        TestApiClient.Response updated = api().put("/api/v1/namespaces/" + ns + "/pods/" + name + "/status",
            api().get("/api/v1/namespaces/" + ns + "/pods/" + name).body().strip()
                .replaceFirst("\\}$", ",\"status\":{\"phase\":\"" + phase + "\"}}"));
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
    }

    /** A SPDY upgrade as kubectl 1.27 sends it, over a connection of its own; answers status and body. */
    private RawResponse upgradeRequest(String path) throws IOException {
        return rawExchange("POST " + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + readAdminToken()
            + "\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: portforward.k8s.io\r\n"
            + "Content-Length: 0\r\n\r\n");
    }

    /** kubectl 1.33's port-forward handshake, with the key of RFC 6455's example (whose accept value is known). */
    private String webSocketHandshake(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + readAdminToken() + "\r\n"
            + "Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Protocol: " + TUNNEL + "\r\n\r\n";
    }

    private record RawResponse(int status, JsonNode json) {
    }

    private RawResponse rawExchange(String request) throws IOException {
        try (SSLSocket client = rawClient()) {
            send(client, request);
            String head = readHead(client.getInputStream());
            int status = Integer.parseInt(head.split(" ", 3)[1]);
            Matcher length = Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
            byte[] body = length.find() ? client.getInputStream().readNBytes(Integer.parseInt(length.group(1)))
                : readChunked(client.getInputStream());
            return new RawResponse(status, new ObjectMapper().readTree(body));
        }
    }

    private SSLSocket rawClient() throws IOException {
        SSLContext tls = TlsClients.trusting(Pem.readCertificate(pkiDirectory().resolve("ca.crt")));
        SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static void send(SSLSocket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                break;
            }
            head.write(next);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            int size = Integer.parseInt(readLine(in).split(";")[0].strip(), 16);
            if (size == 0) {
                return body.toByteArray();
            }
            body.writeBytes(in.readNBytes(size));
            readLine(in);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int next;
        while ((next = in.read()) >= 0 && next != '\n') {
            if (next != '\r') {
                line.append((char) next);
            }
        }
        return line.toString();
    }

    /** The client side of RFC 6455 framing, enough for binary messages: masked frames out, unmasked frames in. */
    private static final class WebSocketFrames {

        static void writeBinary(OutputStream out, byte[] payload) throws IOException {
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            frame.write(0x82);
            if (payload.length < 126) {
                frame.write(0x80 | payload.length);
            } else if (payload.length < 65536) {
                frame.write(0x80 | 126);
                frame.write(payload.length >>> 8);
                frame.write(payload.length & 0xff);
            } else {
                frame.write(0x80 | 127);
                for (int shift = 56; shift >= 0; shift -= 8) {
                    frame.write((int) ((long) payload.length >>> shift) & 0xff);
                }
            }
            byte[] mask = {0x11, 0x22, 0x33, 0x44};
            frame.writeBytes(mask);
            for (int i = 0; i < payload.length; i++) {
                frame.write(payload[i] ^ mask[i % 4]);
            }
            out.write(frame.toByteArray());
            out.flush();
        }

        /** The payload of the next binary frame (continuations count as binary). */
        static byte[] readBinary(InputStream in) throws IOException {
            int first = in.read();
            int second = in.read();
            if (first < 0 || second < 0) {
                throw new IOException("the connection ended before a frame");
            }
            int opcode = first & 0x0f;
            assertThat(opcode).as("binary or continuation frame").isIn(0x0, 0x2);
            long length = second & 0x7f;
            if (length == 126) {
                length = ((in.read() & 0xff) << 8) | (in.read() & 0xff);
            } else if (length == 127) {
                length = 0;
                for (int i = 0; i < 8; i++) {
                    length = (length << 8) | (in.read() & 0xff);
                }
            }
            assertThat(second & 0x80).as("server frames are not masked").isZero();
            return in.readNBytes((int) length);
        }
    }

    /**
     * A node agent's TLS endpoint on loopback that answers one canned head to each request, records the request's
     * head, and after a 101 echoes what it reads.
     */
    private static final class StandInAgent implements AutoCloseable {

        private final SSLServerSocket server;
        private final BlockingQueue<String> heads = new LinkedBlockingQueue<>();
        private volatile String answer = "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n";
        private volatile int connections;

        private StandInAgent(SSLServerSocket server) {
            this.server = server;
            Thread accept = new Thread(this::serve, "stand-in-agent");
            accept.setDaemon(true);
            accept.start();
        }

        static StandInAgent start(Path pki) throws Exception {
            CertificateAuthority ca = CertificateAuthority.loadOrCreate(pki, Duration.ofDays(365), Clock.systemUTC());
            CertificateKeyPair serving = ca.issue(CertificateProfile.server("stand-in-agent",
                SubjectAlternativeNames.parse(List.of("127.0.0.1"))), Duration.ofDays(1));
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("agent", serving.privateKey(), new char[0],
                new Certificate[] {serving.certificate(), ca.certificate()});
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(keys, new char[0]);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(factory.getKeyManagers(), null, null);
            return new StandInAgent((SSLServerSocket) tls.getServerSocketFactory()
                .createServerSocket(0, 5, InetAddress.getLoopbackAddress()));
        }

        int port() {
            return server.getLocalPort();
        }

        int connections() {
            return connections;
        }

        void answerUpgrade(String head) {
            this.answer = head;
        }

        String requestHead() throws InterruptedException {
            String head = heads.poll(10, TimeUnit.SECONDS);
            assertThat(head).as("a request reached the agent").isNotNull();
            return head;
        }

        private void serve() {
            while (!server.isClosed()) {
                try {
                    SSLSocket socket = (SSLSocket) server.accept();
                    connections++;
                    Thread connection = new Thread(() -> handle(socket), "stand-in-agent-connection");
                    connection.setDaemon(true);
                    connection.start();
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void handle(SSLSocket socket) {
            try (socket) {
                heads.add(readHead(socket.getInputStream()));
                String head = answer;
                if (head.isEmpty()) {
                    // A stuck agent: it reads on and never answers.
                    socket.getInputStream().transferTo(OutputStream.nullOutputStream());
                    return;
                }
                OutputStream out = socket.getOutputStream();
                out.write(head.getBytes(StandardCharsets.UTF_8));
                out.flush();
                if (head.startsWith("HTTP/1.1 101")) {
                    socket.getInputStream().transferTo(out);
                }
            } catch (IOException e) {
                // The client went away: this connection is done.
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
