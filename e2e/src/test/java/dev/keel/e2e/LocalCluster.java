package dev.keel.e2e;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keel.api.testing.Kubectl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The cluster {@code ./platform up} started, seen from outside: its kubeconfig for kubectl, and its nodes' network
 * namespaces and containerd sockets for checks a user would make by hand.
 */
final class LocalCluster {

    /** The system property naming the cluster's state directory (the repository's {@code .platform}). */
    static final String STATE_PROPERTY = "keel.e2e.state";

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Path state;
    private final Kubectl kubectl;

    private LocalCluster(Path state) {
        this.state = state;
        this.kubectl = new Kubectl("1.33", state.resolve("kubeconfig")).withTimeout(Duration.ofMinutes(3));
    }

    static LocalCluster fromSystemProperty() {
        Path state = Path.of(System.getProperty(STATE_PROPERTY)).toAbsolutePath();
        if (!Files.isRegularFile(state.resolve("kubeconfig"))) {
            throw new IllegalStateException("no kubeconfig under " + state + ": is the cluster up (./platform up)?");
        }
        return new LocalCluster(state);
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
