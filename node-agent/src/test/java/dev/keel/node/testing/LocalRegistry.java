package dev.keel.node.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real OCI registry (Debian's docker-registry) on 127.0.0.1, started once per test JVM and filled with the images
 * {@code images/build} makes from local files: {@code busybox:1.35} and {@code pause:3.9}.
 */
public final class LocalRegistry {

    private static LocalRegistry shared;

    private final Path dir;
    private final int port;
    private final Process process;

    private LocalRegistry(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    public static synchronized LocalRegistry shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "local-registry-stop"));
        }
        return shared;
    }

    /** host:port to push to or to configure as a mirror endpoint. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    public String endpoint() {
        return "http://" + address();
    }

    private static LocalRegistry start() {
        try {
            Path dir = Files.createTempDirectory("keel-registry-");
            int port = freePort();
            Files.writeString(dir.resolve("config.yml"), """
                    version: 0.1
                    log:
                        level: warn
                    storage:
                        filesystem:
                            rootdirectory: %s
                    http:
                        addr: 127.0.0.1:%d
                    """.formatted(dir.resolve("data"), port));
            Process process = ChildProcesses.start(dir.resolve("registry.log"),
                    "docker-registry", "serve", dir.resolve("config.yml").toString());
            LocalRegistry registry = new LocalRegistry(dir, port, process);
            registry.awaitListening();
            ChildProcesses.run(Duration.ofMinutes(2), "images/build", dir.resolve("images").toString(), registry.address());
            return registry;
        } catch (IOException e) {
            throw new UncheckedIOException("starting the local registry", e);
        }
    }

    private void awaitListening() {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("docker-registry exited; see " + dir.resolve("registry.log"));
            }
            try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                sleep(Duration.ofMillis(100));
            }
        }
        throw new IllegalStateException("docker-registry did not listen on " + address());
    }

    private void stop() {
        ChildProcesses.stop(process, Duration.ofSeconds(5));
        ChildProcesses.run(Duration.ofSeconds(30), "rm", "-rf", dir.toString());
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
