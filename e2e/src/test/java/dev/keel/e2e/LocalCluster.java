package dev.keel.e2e;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keel.api.testing.Kubectl;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.ClientBuilder;
import io.kubernetes.client.util.KubeConfig;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The cluster {@code ./platform up} started, seen from outside as its users see it: its kubeconfig for kubectl,
 * fabric8 and the official Java client; its nodes' network namespaces and containerd sockets for checks a user would
 * make by hand; its control-plane processes (PID files under {@code .platform/run}, health endpoints on loopback).
 * One instance per test JVM ({@link #get()}), shared by every {@link LocalClusterTest} class.
 */
final class LocalCluster {

    /** The system property naming the cluster's state directory (the repository's {@code .platform}). */
    static final String STATE_PROPERTY = "keel.e2e.state";
    /** The image every scenario runs: busybox, built from local files and pushed to the cluster's registry by up. */
    static final String BUSYBOX = "localhost:5000/busybox:1.35";
    static final List<String> NODES = List.of("node-1", "node-2");
    /** A busybox container command: serve the pod's own name (its hostname) on 8080, after logging it. */
    static final String SERVE_HOSTNAME =
            "mkdir -p /www && hostname > /www/index.html && echo serving $(hostname) && exec httpd -f -p 8080 -h /www";

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static LocalCluster instance;

    private final Path state;
    private final Kubectl kubectl;
    private final Map<String, Kubectl> kubectlByVersion = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private LocalCluster(Path state) {
        this.state = state;
        this.kubectl = new Kubectl("1.33", kubeconfig()).withTimeout(Duration.ofMinutes(3));
    }

    /** The cluster named by {@code keel.e2e.state}, the same instance for every test class of the run. */
    static synchronized LocalCluster get() {
        if (instance == null) {
            Path state = Path.of(System.getProperty(STATE_PROPERTY)).toAbsolutePath();
            if (!Files.isRegularFile(state.resolve("kubeconfig"))) {
                throw new IllegalStateException("no kubeconfig under " + state + ": is the cluster up (./platform up)?");
            }
            instance = new LocalCluster(state);
        }
        return instance;
    }

    /** The cluster's state directory ({@code .platform}): kubeconfig, PKI, admin token, logs, PID files. */
    Path stateDirectory() {
        return state;
    }

    /** The API server's address as the kubeconfig names it (https on loopback). */
    URI apiServer() {
        try {
            String text = Files.readString(kubeconfig());
            return URI.create(Config.fromKubeconfig(null, text, kubeconfig().toString()).getMasterUrl());
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + kubeconfig(), e);
        }
    }

    /** The admin kubeconfig {@code ./platform up} wrote, the file users point their clients at. */
    Path kubeconfig() {
        return state.resolve("kubeconfig");
    }

    /** A new fabric8 client over the JDK HTTP client (as the services run it), from the kubeconfig file. */
    KubernetesClient fabric8() {
        try {
            String text = Files.readString(kubeconfig());
            Config config = Config.fromKubeconfig(null, text, kubeconfig().toString());
            return new KubernetesClientBuilder().withConfig(config).withHttpClientFactory(new JdkHttpClientFactory()).build();
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + kubeconfig(), e);
        }
    }

    /** A new official Kubernetes Java client, loading the kubeconfig file as its documentation tells users to. */
    ApiClient officialClient() {
        try (Reader reader = Files.newBufferedReader(kubeconfig())) {
            KubeConfig config = KubeConfig.loadKubeConfig(reader);
            config.setFile(kubeconfig().toFile());
            ApiClient client = ClientBuilder.kubeconfig(config).build();
            // Watches and log reads hold the connection open; the default 10 s read timeout would cut them.
            client.setReadTimeout(0);
            return client;
        } catch (IOException e) {
            throw new UncheckedIOException("loading " + kubeconfig() + " with the official client", e);
        }
    }

    /** Creates a namespace named {@code prefix-<random>}, so reruns and parallel classes never collide. */
    String createNamespace(String prefix) {
        String name = prefix + "-" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20, 1 << 24), 36);
        kubectl("create", "namespace", name);
        return name;
    }

    /** Deletes a namespace without waiting for its contents to go (the cluster goes down after the run anyway). */
    void deleteNamespace(String name) {
        kubectl("delete", "namespace", name, "--wait=false", "--ignore-not-found");
    }

    /** A test class's tear-down: closes its client and deletes its namespace, either of which may not exist. */
    void release(KubernetesClient client, String namespace) {
        if (client != null) {
            client.close();
        }
        if (namespace != null) {
            deleteNamespace(namespace);
        }
    }

    /**
     * The machine's real kubectl of {@code version} ({@link Kubectl#VERSIONS}: 1.33 and 1.27) on this cluster's
     * kubeconfig, for scenarios that must hold for the oldest and newest kubectl users run (their stream protocols
     * differ: 1.27 speaks SPDY only, 1.33 tries WebSocket first). Its {@code run} does not fail on a non-zero exit.
     */
    Kubectl kubectlOf(String version) {
        return kubectlByVersion.computeIfAbsent(version,
                v -> new Kubectl(v, kubeconfig()).withTimeout(Duration.ofMinutes(3)));
    }

    /** Runs kubectl and returns what it printed; a non-zero exit fails with everything kubectl said. */
    String kubectl(String... args) {
        Kubectl.Result result = kubectl.run(args);
        if (result.exitCode() != 0) {
            throw new IllegalStateException("kubectl " + String.join(" ", args) + " exited " + result.exitCode()
                    + ": " + result.all());
        }
        return result.out();
    }

    /** Runs kubectl with {@code stdin} as its input (for {@code apply -f -}); a non-zero exit fails. */
    String kubectlWithInput(String stdin, String... args) {
        Kubectl.Result result = kubectl.runWithInput(stdin, args);
        if (result.exitCode() != 0) {
            throw new IllegalStateException("kubectl " + String.join(" ", args) + " exited " + result.exitCode()
                    + ": " + result.all());
        }
        return result.out();
    }

    /** Runs kubectl with {@code -o json} and reads its answer as the given fabric8 model type. */
    <T> T kubectlJson(Class<T> type, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("-o");
        all.add("json");
        String json = kubectl(all.toArray(String[]::new));
        try {
            return JSON.readValue(json, type);
        } catch (IOException e) {
            throw new IllegalStateException("kubectl printed JSON that is not a " + type.getSimpleName() + ": " + json, e);
        }
    }

    /** The control-plane services {@code ./platform up} starts on the host, with their health ports on loopback. */
    enum ControlPlaneService {
        RECONCILER("reconciler-service", 10257),
        SCHEDULER("scheduler-service", 10259);

        final String component;
        final int port;

        ControlPlaneService(String component, int port) {
            this.component = component;
            this.port = port;
        }
    }

    /**
     * A component's process as {@code ./platform up} recorded it, with its start time (clock ticks since boot, field
     * 22 of {@code /proc/PID/stat}): a process killed and restarted, even under the same PID, changes one of them.
     */
    record ProcessIdentity(long pid, long startTicks) {
    }

    /**
     * The component's own process: {@code run/NAME.child.pid} when a supervisor runs it (the supervisor's PID is then
     * in {@code NAME.pid} and stays the same across restarts), else {@code run/NAME.pid}.
     */
    ProcessIdentity process(String component) {
        Path run = state.resolve("run");
        Path pidFile = Files.exists(run.resolve(component + ".child.pid")) ? run.resolve(component + ".child.pid")
                : run.resolve(component + ".pid");
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
            String[] afterName = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new ProcessIdentity(pid, Long.parseLong(afterName[19]));
        } catch (IOException e) {
            throw new UncheckedIOException("reading the process of " + component + " (" + pidFile + ")", e);
        }
    }

    /**
     * The overall status a service's {@code /actuator/health} reports (UP, DOWN, ...), or what went wrong asking:
     * an unreachable service, or a body that is not Spring Boot's health JSON.
     */
    String healthStatus(ControlPlaneService service) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port + "/actuator/health"))
                .timeout(Duration.ofSeconds(10)).GET().build();
        String body;
        try {
            body = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "unreachable: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted asking " + service.component + " for its health", e);
        }
        try {
            return JSON.readTree(body).path("status").asText("no status in: " + body);
        } catch (IOException e) {
            return "not health JSON: " + body;
        }
    }

    /** One HTTP GET made from inside node {@code node}'s network namespace: its body, or empty when it failed. */
    String httpGetFromNode(String node, String url) {
        CommandResult result = runInNode(node, "curl", "-s", "-f", "-m", "3", url);
        return result.exitCode() == 0 ? result.out().trim() : "";
    }

    /** The node's netfilter rules, as iptables-save prints them inside its namespace. */
    String iptablesSave(String node) {
        return runInNode(node, "iptables-save").out();
    }

    /** IDs of the containers the node's containerd runs (Kubernetes' namespace {@code k8s.io}), running or not. */
    String containerdTasks(String node) {
        Path socket = state.resolve("nodes").resolve(node).resolve("containerd").resolve("containerd.sock");
        return run(List.of("ctr", "--address", socket.toString(), "--namespace", "k8s.io", "tasks", "list")).out();
    }

    private CommandResult runInNode(String node, String... command) {
        List<String> all = new ArrayList<>(List.of("nsenter", "--net=/run/netns/keel-" + node));
        all.addAll(List.of(command));
        return run(all);
    }

    private static CommandResult run(List<String> command) {
        try {
            Path out = Files.createTempFile("e2e-out-", ".txt");
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", command) + " did not finish within 30 s");
                }
                return new CommandResult(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("running " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + String.join(" ", command), e);
        }
    }

    private record CommandResult(int exitCode, String out) {
    }
}
