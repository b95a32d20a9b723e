package dev.keel.node.testing;

import dev.keel.node.NodeAgentProperties;
import dev.keel.node.containerd.ContainerdConfig;
import dev.keel.node.containerd.ContainerdConfigWriter;
import dev.keel.node.cri.CriRuntime;
import dev.keel.node.cri.v1.PodSandbox;
import dev.keel.node.cri.v1.PodSandboxFilter;
import dev.keel.node.runtime.ContainerRuntimeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real containerd (Debian's, with runc and the CNI plugins) started once per test JVM with a configuration the
 * project writes: its own root, state and socket under a temporary directory, pulls through {@link LocalRegistry},
 * and a pod range found free on this machine that lives only on a bridge named after this JVM. On exit it removes
 * every sandbox, stops containerd and the shims it started (by their recorded PIDs), and deletes that bridge.
 */
public final class ContainerdServer {

    private static ContainerdServer shared;

    private final ContainerdConfig config;
    private final Process process;

    private ContainerdServer(ContainerdConfig config, Process process) {
        this.config = config;
        this.process = process;
    }

    public static synchronized ContainerdServer shared() {
        if (shared == null) {
            shared = start(LocalRegistry.shared());
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "containerd-stop"));
        }
        return shared;
    }

    public ContainerdConfig config() {
        return config;
    }

    public Path socket() {
        return config.socket();
    }

    /**
     * The settings of a node agent on this containerd: node {@code name} at 127.0.0.1 (where its HTTPS endpoint
     * listens), this containerd's pod range and socket, quick heartbeats and pod resyncs, log and root directories
     * of its own (temporary, named after {@code prefix}).
     */
    public NodeAgentProperties nodeProperties(String name, String prefix) throws IOException {
        NodeAgentProperties properties = new NodeAgentProperties();
        properties.setName(name);
        properties.setPodCidr(config.podCidr());
        properties.getInternalIps().add("127.0.0.1");
        properties.getRuntime().setCriSocket(socket());
        properties.setHeartbeatPeriod(Duration.ofSeconds(2));
        properties.setPodResyncPeriod(Duration.ofMillis(300));
        properties.setLogDirectory(Files.createTempDirectory("keel-" + prefix + "-cri-logs-"));
        properties.setRootDirectory(Files.createTempDirectory("keel-" + prefix + "-cri-root-"));
        return properties;
    }

    public CriRuntime newClient() {
        return new CriRuntime(socket(), Duration.ofSeconds(30), Duration.ofMinutes(2));
    }

    private static ContainerdServer start(LocalRegistry registry) {
        try {
            Path dir = Files.createTempDirectory("keel-containerd-");
            long pid = ProcessHandle.current().pid();
            String bridge = "keelt" + pid % 100000;
            ContainerdConfig config = new ContainerdConfig(dir, freePodRange(pid), bridge, "localhost:5000/pause:3.9",
                    Map.of("localhost:5000", registry.endpoint()), Path.of("/usr/lib/cni"));
            ContainerdConfigWriter.write(config);
            Process process = ChildProcesses.start(dir.resolve("containerd.log"),
                    "containerd", "--config", config.configFile().toString());
            ContainerdServer server = new ContainerdServer(config, process);
            server.awaitServing();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("starting containerd", e);
        }
    }

    /** A /24 in 10.247.0.0/16 that no route on this machine covers yet (other test JVMs may hold one). */
    private static String freePodRange(long pid) {
        for (int i = 0; i < 200; i++) {
            int octet = (int) ((pid + i) % 200) + 20;
            String cidr = "10.247." + octet + ".0/24";
            if (ChildProcesses.run(Duration.ofSeconds(10), "ip", "route", "show", "match", "10.247." + octet + ".1")
                    .lines().noneMatch(line -> line.startsWith("10.247."))) {
                return cidr;
            }
        }
        throw new IllegalStateException("no free /24 in 10.247.0.0/16 on this machine");
    }

    private void awaitServing() {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        try (CriRuntime client = newClient()) {
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("containerd exited; see " + config.baseDir().resolve("containerd.log"));
                }
                try {
                    if (Files.exists(socket())) {
                        client.version();
                        return;
                    }
                } catch (ContainerRuntimeException notYet) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("containerd did not answer on " + socket(), notYet);
                    }
                }
                LocalRegistry.sleep(Duration.ofMillis(100));
            }
        }
    }

    private void stop() {
        try (CriRuntime client = newClient()) {
            for (PodSandbox sandbox : client.listPodSandboxes(PodSandboxFilter.getDefaultInstance())) {
                client.stopPodSandbox(sandbox.getId());
                client.removePodSandbox(sandbox.getId());
            }
        } catch (RuntimeException e) {
            System.err.println("containerd clean-up: removing sandboxes failed: " + e);
        }
        ChildProcesses.stop(process, Duration.ofSeconds(10));
        killShims();
        if (ChildProcesses.run(Duration.ofSeconds(10), "ip", "-o", "link", "show").contains(" " + config.bridge() + ":")) {
            ChildProcesses.run(Duration.ofSeconds(10), "ip", "link", "del", config.bridge());
        }
        keepLog();
        // Mounts left by a crashed shim would make rm fail: stay on this file system and report what is left.
        try {
            ChildProcesses.run(Duration.ofSeconds(60), "rm", "-rf", "--one-file-system", config.baseDir().toString());
        } catch (IllegalStateException e) {
            System.err.println("containerd clean-up: " + e.getMessage());
        }
    }

    /** containerd's log outlives the run under target/, for the failure that needs it. */
    private void keepLog() {
        try {
            Files.createDirectories(Path.of("target"));
            Files.copy(config.baseDir().resolve("containerd.log"), Path.of("target", "containerd-" + config.bridge() + ".log"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            System.err.println("containerd clean-up: keeping its log: " + e);
        }
    }

    /** Shims outlive containerd; each records its PID in the task's state directory. */
    private void killShims() {
        Path tasks = config.state().resolve("io.containerd.runtime.v2.task");
        if (!Files.isDirectory(tasks)) {
            return;
        }
        try (Stream<Path> files = Files.walk(tasks, 3)) {
            List<Path> pidFiles = files.filter(file -> file.getFileName().toString().equals("shim.pid")).toList();
            for (Path pidFile : pidFiles) {
                long shimPid = Long.parseLong(Files.readString(pidFile).trim());
                ProcessHandle.of(shimPid).ifPresent(ProcessHandle::destroyForcibly);
            }
        } catch (IOException e) {
            System.err.println("containerd clean-up: reading shim PIDs under " + tasks + ": " + e);
        }
    }
}
