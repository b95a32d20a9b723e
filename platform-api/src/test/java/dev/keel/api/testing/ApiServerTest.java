package dev.keel.api.testing;

import dev.keel.api.PlatformApiApplication;
import java.net.http.HttpRequest;
import java.util.UUID;
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
            "keel.api.watch.bookmark-interval=1s",
            "keel.api.watch.progress-interval=500ms",
            "keel.api.etcd.compaction-interval=0s",
            "logging.level.dev.keel=INFO"
        })
public abstract class ApiServerTest {

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void etcd(DynamicPropertyRegistry registry) {
        registry.add("keel.api.etcd.endpoints", () -> EtcdServer.shared().endpoint());
    }

    protected TestApiClient api() {
        return new TestApiClient("http://127.0.0.1:" + port, null, (HttpRequest.Builder request) -> { });
    }

    /** A kubeconfig for the real kubectl pointing at this server. */
    protected java.nio.file.Path kubeconfig() {
        try {
            java.nio.file.Path file = java.nio.file.Files.createTempFile("kubeconfig-", ".yaml");
            java.nio.file.Files.writeString(file, """
                    apiVersion: v1
                    kind: Config
                    clusters:
                    - name: keel
                      cluster: {server: "http://127.0.0.1:%d"}
                    users:
                    - name: admin
                      user: {}
                    contexts:
                    - name: keel
                      context: {cluster: keel, user: admin}
                    current-context: keel
                    """.formatted(port));
            return file;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
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
