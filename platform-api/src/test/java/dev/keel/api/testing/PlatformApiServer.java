package dev.keel.api.testing;

import dev.keel.api.PlatformApiApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The suite's platform-api for the other modules' tests: started in this JVM once, on a free port, over the suite's
 * real etcd, and closed when the JVM exits. Clients reach it exactly as they would a real cluster: HTTPS, the CA it
 * made, the admin token or kubeconfig it wrote.
 */
public final class PlatformApiServer {

    private static PlatformApiServer shared;

    private final ConfigurableApplicationContext context;
    private final Path stateDir;
    private final int port;

    private PlatformApiServer(ConfigurableApplicationContext context, Path stateDir) {
        this.context = context;
        this.stateDir = stateDir;
        this.port = ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** The suite's server, started on first use. Extra properties apply only to the first call. */
    public static synchronized PlatformApiServer shared(Map<String, Object> extraProperties) {
        if (shared == null) {
            shared = start(extraProperties);
            PlatformApiServer server = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(server.context::close, "platform-api-stop"));
        }
        return shared;
    }

    public static PlatformApiServer shared() {
        return shared(Map.of());
    }

    private static PlatformApiServer start(Map<String, Object> extraProperties) {
        Path state;
        try {
            state = Files.createTempDirectory("keel-platform-api-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> properties = new HashMap<>(Map.of(
                "server.port", "0",
                "spring.application.name", "platform-api",
                "keel.api.etcd.endpoints", EtcdServer.shared().endpoint(),
                "keel.api.security.pki-dir", state.resolve("pki").toString(),
                "keel.api.security.kubeconfig", state.resolve("kubeconfig").toString(),
                "keel.api.watch.bookmark-interval", "1s",
                "keel.api.watch.progress-interval", "500ms",
                "keel.api.etcd.compaction-interval", "0s",
                // Other suites' JMX and admin endpoints must not clash with this embedded server's.
                "spring.jmx.enabled", "false",
                // The other modules' client auto-configuration is on their test classpath; the API server needs none.
                "spring.autoconfigure.exclude", "dev.keel.runtime.client.KubernetesClientAutoConfiguration"));
        properties.putAll(extraProperties);
        // As arguments, not default properties: those rank below platform-api.yml (server.port 6443).
        String[] arguments = properties.entrySet().stream()
                .map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
                .toArray(String[]::new);
        ConfigurableApplicationContext context = PlatformApiApplication.application().run(arguments);
        return new PlatformApiServer(context, state);
    }

    /** {@code https://127.0.0.1:<port>}. */
    public String url() {
        return "https://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** The admin kubeconfig (client certificate) the server wrote: what kubectl uses. */
    public Path kubeconfig() {
        return stateDir.resolve("kubeconfig");
    }

    /** The cluster CA certificate, PEM. */
    public Path caCertificate() {
        return stateDir.resolve("pki/ca.crt");
    }

    /** The admin bearer token. */
    public String adminToken() {
        try {
            return Files.readString(stateDir.resolve("admin-token")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("the server wrote no admin token", e);
        }
    }

    /** The running application, for tests that need one of its beans. */
    public ConfigurableApplicationContext context() {
        return context;
    }
}
