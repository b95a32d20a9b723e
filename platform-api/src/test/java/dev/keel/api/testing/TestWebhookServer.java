package dev.keel.api.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.keel.api.security.pki.CertificateAuthority;
import dev.keel.api.security.pki.CertificateKeyPair;
import dev.keel.api.security.pki.CertificateProfile;
import dev.keel.api.security.pki.Pem;
import dev.keel.api.security.pki.SubjectAlternativeNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A real admission webhook for tests: HTTPS on loopback with a certificate from a throwaway CA (BouncyCastle),
 * answering AdmissionReview v1 by the first segment of the path (what follows it is free, to tell webhooks apart):
 * <ul>
 *   <li>{@code /allow}: allowed;</li>
 *   <li>{@code /deny}: refused with the message {@value #DENY_MESSAGE};</li>
 *   <li>{@code /deny-key/<key>/...}: refuses a ConfigMap whose data holds {@code key} ({@code the key "<key>" is not
 *       allowed here}), allows anything else;</li>
 *   <li>{@code /label/<key>/<value>/...}: a JSON patch adding that label;</li>
 *   <li>{@code /rename}: a JSON patch changing metadata.name;</li>
 *   <li>{@code /garbage}: an answer that is not JSON;</li>
 *   <li>{@code /slow}: allows after {@link #SLOW}, longer than any test webhook's timeout;</li>
 *   <li>{@code /warn}: allowed, with a warning and an audit annotation.</li>
 * </ul>
 * Every review received is kept per path.
 */
public final class TestWebhookServer implements AutoCloseable {

    public static final String DENY_MESSAGE = "the test webhook says no";
    public static final Duration SLOW = Duration.ofSeconds(5);
    private static final char[] PASSWORD = "webhook".toCharArray();

    private final ObjectMapper json = new ObjectMapper();
    private final CertificateAuthority ca;
    private final HttpsServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "test-webhook");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, List<JsonNode>> reviews = new ConcurrentHashMap<>();
    private final AtomicInteger calls = new AtomicInteger();

    /** Serves on 127.0.0.1 a certificate for 127.0.0.1, localhost and {@code extraNames}. */
    public static TestWebhookServer start(String... extraNames) {
        return new TestWebhookServer(List.of(extraNames));
    }

    private TestWebhookServer(List<String> extraNames) {
        // Headers and body are written apart: without TCP_NODELAY each answer waits ~40 ms for a delayed ACK.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        ca = CertificateAuthority.create("test-webhook-ca", Duration.ofDays(1), Clock.systemUTC());
        List<String> names = new java.util.ArrayList<>(List.of("127.0.0.1", "localhost"));
        names.addAll(extraNames);
        CertificateKeyPair serving = ca.issue(CertificateProfile.server("test-webhook", SubjectAlternativeNames.parse(names)),
                Duration.ofDays(1));
        try {
            server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(sslContext(serving)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    /** The CA that issued the server's certificate, base64 PEM as a webhook's {@code caBundle} takes it. */
    public String caBundle() {
        return Base64.getEncoder().encodeToString(Pem.encode(ca.certificate()).getBytes(StandardCharsets.US_ASCII));
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url(String path) {
        return "https://127.0.0.1:" + port() + path;
    }

    /** The reviews received on {@code path}, oldest first. */
    public List<JsonNode> reviews(String path) {
        return reviews.getOrDefault(path, List.of());
    }

    public int calls() {
        return calls.get();
    }

    /** An https URL on a loopback port nothing listens on. */
    public static String closedPortUrl() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return "https://127.0.0.1:" + socket.getLocalPort() + "/down";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        calls.incrementAndGet();
        String path = exchange.getRequestURI().getPath();
        JsonNode review;
        try {
            review = json.readTree(exchange.getRequestBody().readAllBytes());
        } catch (IOException e) {
            respond(exchange, 400, "bad review".getBytes(StandardCharsets.UTF_8));
            return;
        }
        reviews.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>()).add(review);
        JsonNode request = review.path("request");
        ObjectNode answer = json.createObjectNode();
        answer.put("apiVersion", "admission.k8s.io/v1");
        answer.put("kind", "AdmissionReview");
        ObjectNode response = answer.putObject("response");
        response.put("uid", request.path("uid").asText());
        response.put("allowed", true);
        // The first segment picks the behaviour; the rest only tells the tests' webhooks apart.
        String[] segments = path.substring(1).split("/");
        switch (segments[0]) {
            case "garbage" -> {
                respond(exchange, 200, "{\"apiVersion\": this is not json".getBytes(StandardCharsets.UTF_8));
                return;
            }
            case "slow" -> {
                try {
                    Thread.sleep(SLOW.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            case "deny" -> deny(response, DENY_MESSAGE);
            case "deny-key" -> {
                if (request.path("object").path("data").has(segments[1])) {
                    deny(response, "the key \"" + segments[1] + "\" is not allowed here");
                }
            }
            case "label" -> patch(response, addLabel(request.path("object"), segments[1], segments[2]));
            case "rename" -> {
                ArrayNode patch = json.createArrayNode();
                patch.addObject().put("op", "replace").put("path", "/metadata/name").put("value", "renamed-by-webhook");
                patch(response, patch);
            }
            case "warn" -> {
                response.putArray("warnings").add("the test webhook warns you");
                response.putObject("auditAnnotations").put("seen", "yes");
            }
            default -> {
            }
        }
        respond(exchange, 200, json.writeValueAsBytes(answer));
    }

    private ArrayNode addLabel(JsonNode object, String key, String value) {
        ArrayNode patch = json.createArrayNode();
        if (object.path("metadata").path("labels").isObject()) {
            patch.addObject().put("op", "add").put("path", "/metadata/labels/" + key.replace("~", "~0").replace("/", "~1"))
                    .put("value", value);
        } else {
            ObjectNode labels = json.createObjectNode().put(key, value);
            patch.addObject().put("op", "add").put("path", "/metadata/labels").set("value", labels);
        }
        return patch;
    }

    private void patch(ObjectNode response, ArrayNode patch) throws IOException {
        response.put("patchType", "JSONPatch");
        response.put("patch", Base64.getEncoder().encodeToString(json.writeValueAsBytes(patch)));
    }

    private static void deny(ObjectNode response, String message) {
        response.put("allowed", false);
        response.putObject("status").put("code", 403).put("message", message);
    }

    private static void respond(HttpExchange exchange, int code, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(code, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private static SSLContext sslContext(CertificateKeyPair serving) {
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("server", serving.privateKey(), PASSWORD, new Certificate[] {serving.certificate()});
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(keys, PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(factory.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("could not build the test webhook's TLS context", e);
        }
    }
}
