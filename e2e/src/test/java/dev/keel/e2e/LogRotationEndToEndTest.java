package dev.keel.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.api.testing.Kubectl;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Container log rotation on the cluster's nodes, through the real kubectl 1.27 and 1.33: a chatty busybox pod
 * writes more than the node-agents' {@code containerLogMaxSize} (10Mi unless {@code ./platform up} ran with
 * {@code KEEL_CONTAINER_LOG_MAX_SIZE}); two {@code kubectl logs -f}, one per version, follow it across a rotation
 * and see every line once, in order; the node keeps at most {@code containerLogMaxFiles} files; {@code --tail},
 * {@code --timestamps} and {@code --limit-bytes} read the live file; {@code --previous} without a previous instance
 * and the logs of a container that never started are the kubelet's errors.
 */
@LocalClusterTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LogRotationEndToEndTest {

    /** Bursts of 1,000 numbered lines of about 100 bytes: roughly a megabyte of log a second. */
    private static final String CHATTY = "i=0; while true; do j=0; while [ $j -lt 1000 ]; do echo \"line $i "
        + ".".repeat(88) + "\"; i=$((i+1)); j=$((j+1)); done; sleep 0.05; done";
    private static final int MAX_FILES = Integer.parseInt(System.getenv().getOrDefault("KEEL_CONTAINER_LOG_MAX_FILES",
        "5"));

    private static LocalCluster cluster;
    private static String namespace;
    private static Path logDirectory;

    @BeforeAll
    static void startChattyPod() {
        cluster = LocalCluster.get();
        namespace = cluster.createNamespace("logrotation");
        cluster.kubectl("-n", namespace, "run", "chatty", "--image=" + LocalCluster.BUSYBOX, "--restart=Always",
            "--command", "--", "sh", "-c", CHATTY);
        Pod pod = Poll.until(Duration.ofMinutes(3), "pod chatty running", () -> {
            Pod found = cluster.kubectlJson(Pod.class, "-n", namespace, "get", "pod", "chatty");
            return found.getStatus() != null && "Running".equals(found.getStatus().getPhase()) ? found : null;
        });
        logDirectory = cluster.stateDirectory().resolve("nodes").resolve(pod.getSpec().getNodeName()).resolve("pods")
            .resolve(namespace + "_chatty_" + pod.getMetadata().getUid()).resolve("chatty");
    }

    @AfterAll
    static void removeNamespace() {
        if (namespace != null) {
            // Stops the writing at once rather than when the namespace's deletion reaches the pod.
            cluster.kubectlOf("1.33").run("-n", namespace, "delete", "pod", "chatty", "--grace-period=1",
                "--wait=false");
        }
        cluster.release(null, namespace);
    }

    @Test
    @Order(1)
    void followersOfBothKubectlVersionsSeeEveryLineAcrossARotation() throws Exception {
        Set<String> rotatedBefore = rotatedNames();
        List<Process> followers = new ArrayList<>();
        List<Path> outputs = new ArrayList<>();
        try {
            for (String version : Kubectl.VERSIONS) {
                Path output = Files.createTempFile("keel-e2e-logs-f-" + version + "-", ".out");
                outputs.add(output);
                followers.add(cluster.kubectlOf(version).start(output, "-n", namespace, "logs", "-f", "chatty"));
            }
            Poll.until(Duration.ofMinutes(4), "a rotation of chatty's log after the follows began",
                () -> rotatedNames().stream().anyMatch(name -> !rotatedBefore.contains(name)));
            // Lines written after the rotation reach both followers.
            List<Long> sizesAtRotation = outputs.stream().map(LogRotationEndToEndTest::size).toList();
            Poll.until(Duration.ofMinutes(2), "both followers going on after the rotation", () -> {
                for (int i = 0; i < outputs.size(); i++) {
                    if (size(outputs.get(i)) < sizesAtRotation.get(i) + 1_000_000) {
                        return false;
                    }
                }
                return true;
            });
            assertThat(followers).allMatch(Process::isAlive);
        } finally {
            for (Process follower : followers) {
                follower.destroy();
                follower.waitFor(10, TimeUnit.SECONDS);
            }
        }
        for (int i = 0; i < outputs.size(); i++) {
            assertContiguous(Kubectl.VERSIONS.get(i), outputs.get(i));
            Files.delete(outputs.get(i));
        }
        try (Stream<Path> files = Files.list(logDirectory)) {
            List<String> names = files.map(path -> path.getFileName().toString())
                .filter(name -> !name.endsWith(".tmp")).toList();
            assertThat(names).as("files of chatty's log").hasSizeLessThanOrEqualTo(MAX_FILES).contains("0.log");
        }
    }

    @Test
    @Order(2)
    void tailTimestampsAndLimitBytesReadTheLiveFile() {
        for (String version : Kubectl.VERSIONS) {
            Kubectl kubectl = cluster.kubectlOf(version);
            Kubectl.Result tail = kubectl.run("-n", namespace, "logs", "chatty", "--tail=3", "--timestamps");
            assertThat(tail.exitCode()).as(tail.all()).isZero();
            assertThat(tail.out().lines().toList()).as(version).hasSize(3)
                .allMatch(line -> line.matches("\\d{4}-\\d\\d-\\d\\dT\\S+Z line \\d+ \\.{88}"));
            Kubectl.Result limited = kubectl.run("-n", namespace, "logs", "chatty", "--limit-bytes=12");
            assertThat(limited.out()).as(version).hasSize(12).startsWith("line ");
        }
    }

    @Test
    @Order(3)
    void previousWithoutAPreviousInstanceIsTheKubeletsError() {
        for (String version : Kubectl.VERSIONS) {
            Kubectl.Result previous = cluster.kubectlOf(version).run("-n", namespace, "logs", "chatty", "--previous");
            assertThat(previous.exitCode()).as(previous.all()).isNotZero();
            assertThat(previous.err()).as(version)
                .contains("previous terminated container \"chatty\" in pod \"chatty\" not found");
        }
    }

    @Test
    @Order(4)
    void logsOfAContainerThatNeverStartedAreAnErrorNotAHang() {
        cluster.kubectl("-n", namespace, "run", "never-started", "--image=localhost:5000/no-such-image:1",
            "--restart=Never");
        for (String version : Kubectl.VERSIONS) {
            Poll.until(Duration.ofMinutes(1), "kubectl " + version + " logs of never-started failing", () -> {
                Kubectl.Result logs = cluster.kubectlOf(version).run("-n", namespace, "logs", "-f", "never-started");
                return logs.exitCode() != 0
                    && logs.err().contains("container \"never-started\" in pod \"never-started\" is waiting to start");
            });
        }
    }

    private static Set<String> rotatedNames() {
        try (Stream<Path> files = Files.list(logDirectory)) {
            return files.map(path -> path.getFileName().toString()).filter(name -> name.startsWith("0.log."))
                .filter(name -> !name.endsWith(".tmp")).map(name -> name.replaceFirst("\\.gz$", ""))
                .collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every complete "line N" of a follower's output is the one after the line before it. */
    private static void assertContiguous(String version, Path output) throws IOException {
        long previous = -1;
        long count = 0;
        try (BufferedReader reader = Files.newBufferedReader(output)) {
            String line;
            String last = null;
            while ((line = reader.readLine()) != null) {
                if (last != null) {
                    previous = check(version, last, previous);
                    count++;
                }
                last = line; // the final line may be cut where the follower was stopped
            }
        }
        assertThat(count).as("lines kubectl %s followed", version).isGreaterThan(10_000);
    }

    private static long check(String version, String line, long previous) {
        assertThat(line).as("kubectl %s", version).startsWith("line ");
        long number = Long.parseLong(line.substring(5, line.indexOf(' ', 5)));
        if (previous >= 0) {
            assertThat(number).as("kubectl %s: the line after line %d", version, previous).isEqualTo(previous + 1);
        }
        return number;
    }
}
