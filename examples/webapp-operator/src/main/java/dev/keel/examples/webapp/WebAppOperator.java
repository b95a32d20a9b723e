package dev.keel.examples.webapp;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The example operator's entry point: connects with the default kubeconfig ({@code KUBECONFIG}, else
 * {@code ~/.kube/config}, else the {@code .platform/kubeconfig} that {@code ./platform up} writes in the working
 * directory) and runs the WebApp reconciler until the JVM stops. Arguments name the namespaces to watch; none means
 * every namespace.
 */
public final class WebAppOperator {

    /** The logging configuration of {@link #main} (a classpath resource; {@code -Dlogback.configurationFile} wins). */
    static final String LOGGING = "webapp-operator-logback.xml";
    static final Path PLATFORM_KUBECONFIG = Path.of(".platform", "kubeconfig");

    private WebAppOperator() {
    }

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", LOGGING);
        }
        // Only now: the first logger configures logback.
        Logger log = LoggerFactory.getLogger(WebAppOperator.class);
        Set<String> namespaces = Set.copyOf(Arrays.asList(args));
        KubernetesClient client = new KubernetesClientBuilder().withConfig(defaultConfig()).build();
        log.info("Connecting to {} as the WebApp operator, watching {}", client.getMasterUrl(),
                namespaces.isEmpty() ? "all namespaces" : namespaces);
        Operator operator = start(client, namespaces);
        operator.installShutdownHook(Duration.ofSeconds(10));
    }

    /**
     * Starts the WebApp operator on {@code client} (which the caller keeps and closes), watching {@code namespaces}
     * or, when empty, all namespaces; {@link Operator#stop()} stops it. Fails when the WebApp kind is not served.
     */
    public static Operator start(KubernetesClient client, Set<String> namespaces) {
        Operator operator = new Operator(settings -> settings.withKubernetesClient(client).withCloseClientOnStop(false));
        operator.register(new WebAppReconciler(Clock.systemUTC()), controller -> {
            if (!namespaces.isEmpty()) {
                controller.settingNamespaces(namespaces);
            }
        });
        operator.start();
        return operator;
    }

    /** fabric8's default configuration, or {@code ./platform up}'s kubeconfig when there is no default one. */
    static Config defaultConfig() {
        boolean hasDefault = System.getenv("KUBECONFIG") != null
                || Files.isRegularFile(Path.of(System.getProperty("user.home"), ".kube", "config"));
        if (hasDefault || !Files.isRegularFile(PLATFORM_KUBECONFIG)) {
            return Config.autoConfigure(null);
        }
        try {
            return Config.fromKubeconfig(null, Files.readString(PLATFORM_KUBECONFIG),
                    PLATFORM_KUBECONFIG.toAbsolutePath().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + PLATFORM_KUBECONFIG.toAbsolutePath(), e);
        }
    }
}
