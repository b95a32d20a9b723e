package dev.keel.api.testing;

import dev.keel.api.PlatformApiApplication;
import dev.keel.api.security.TlsClients;
import dev.keel.api.security.pki.Pem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the integration tests: one platform-api per test JVM (Spring caches the context because every
 * subclass shares this configuration) on a random port, over the suite's real etcd.
 */
@SpringBootTest(classes = PlatformApiApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            PlatformApiApplication.CONFIG_NAME,
            "keel.api.watch.bookmark-interval=1s",
            "keel.api.watch.progress-interval=500ms",
            "keel.api.etcd.compaction-interval=0s",
            "logging.level.dev.keel=INFO"
        })
public abstract class ApiServerTest {

    @LocalServerPort
    protected int port;

    private static final Path STATE = createStateDir();

    @DynamicPropertySource
    static void etcd(DynamicPropertyRegistry registry) {
        registry.add("keel.api.etcd.endpoints", () -> EtcdServer.shared().endpoint());
        registry.add("keel.api.security.pki-dir", () -> STATE.resolve("pki").toString());
        registry.add("keel.api.security.kubeconfig", () -> STATE.resolve("kubeconfig").toString());
    }

    /** A client over HTTPS that trusts the cluster CA and presents the admin token. */
    protected TestApiClient api() {
        SSLContext tls = TlsClients.trusting(Pem.readCertificate(STATE.resolve("pki/ca.crt")));
        String token = readAdminToken();
        return new TestApiClient("https://127.0.0.1:" + port, tls,
                (HttpRequest.Builder request) -> request.header("Authorization", "Bearer " + token));
    }

    /** A WebSocket watch with the admin token and an Origin header, as fabric8 opens one. */
    protected WebSocketWatch webSocketWatch(String path, String... subprotocols) {
        return webSocketWatchWithHeaders(path, new String[] {"Authorization", "Bearer " + readAdminToken(),
                "Origin", "https://127.0.0.1:" + port}, subprotocols);
    }

    /** A WebSocket watch with exactly the headers given (name/value pairs). */
    protected WebSocketWatch webSocketWatchWithHeaders(String path, String[] headers, String... subprotocols) {
        SSLContext tls = TlsClients.trusting(Pem.readCertificate(STATE.resolve("pki/ca.crt")));
        HttpClient http = HttpClient.newBuilder().sslContext(tls).build();
        return WebSocketWatch.open(http, URI.create("wss://127.0.0.1:" + port + path), headers, subprotocols);
    }

    /** The cluster's PKI directory (its CA signs certificates for stand-ins the server must trust). */
    protected static Path pkiDirectory() {
        return STATE.resolve("pki");
    }

    protected static String readAdminToken() {
        try {
            return Files.readString(STATE.resolve("admin-token")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("the server wrote no admin token", e);
        }
    }

    private static Path createStateDir() {
        try {
            return Files.createTempDirectory("keel-api-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The kubeconfig platform-api wrote for its admin: what the real kubectl uses. */
    protected Path kubeconfig() {
        return STATE.resolve("kubeconfig");
    }

    /** Where this suite's server keeps its PKI, admin token and kubeconfig. */
    protected static Path stateDir() {
        return STATE;
    }

    /** A fresh namespace name, so tests sharing the server never see each other's objects. */
    protected static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    protected String createNamespace(String prefix) {
        String name = uniqueName(prefix);
        TestApiClient.Response response = api().post("/api/v1/namespaces",
                "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + name + "\"}}");
        if (response.status() != 201) {
            throw new IllegalStateException("could not create namespace " + name + ": " + response.body());
        }
        return name;
    }
}
