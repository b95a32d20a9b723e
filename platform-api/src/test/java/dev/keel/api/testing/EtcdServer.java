package dev.keel.api.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real etcd (Debian's etcd-server) started once per test JVM on free loopback ports, in a temporary data
 * directory, and stopped (by its own PID) when the JVM exits.
 */
public final class EtcdServer {

    private static final String BINARY = System.getenv().getOrDefault("KEEL_ETCD_BINARY", "/usr/bin/etcd");
    private static EtcdServer shared;

    private final Process process;
    private final Path dataDir;
    private final int clientPort;

    private EtcdServer(Process process, Path dataDir, int clientPort) {
        this.process = process;
        this.dataDir = dataDir;
        this.clientPort = clientPort;
    }

    /** The suite's etcd, started on first use. */
    public static synchronized EtcdServer shared() {
        if (shared == null) {
            shared = start();
            EtcdServer server = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "etcd-stop"));
        }
        return shared;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + clientPort;
    }

    private static EtcdServer start() {
        if (!Files.isExecutable(Path.of(BINARY))) {
            throw new IllegalStateException(BINARY + " is missing: install Debian's etcd-server (.ci/run does)");
        }
        try {
            Path dataDir = Files.createTempDirectory("keel-etcd-");
            int clientPort = freePort();
            int peerPort = freePort();
            String client = "http://127.0.0.1:" + clientPort;
            String peer = "http://127.0.0.1:" + peerPort;
            Process process = new ProcessBuilder(List.of(BINARY,
                    "--name", "test",
                    "--data-dir", dataDir.resolve("data").toString(),
                    "--listen-client-urls", client, "--advertise-client-urls", client,
                    "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
                    "--initial-cluster", "test=" + peer,
                    "--unsafe-no-fsync"))
                    .redirectErrorStream(true)
                    .redirectOutput(dataDir.resolve("etcd.log").toFile())
                    .start();
            waitForPort(clientPort, process, dataDir);
            return new EtcdServer(process, dataDir, clientPort);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start etcd", e);
        }
    }

    private static void waitForPort(int port, Process process, Path dataDir) throws IOException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("etcd exited at start: " + Files.readString(dataDir.resolve("etcd.log")));
            }
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                sleep();
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("etcd did not listen on " + port + " within 30s");
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void stop() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not remove " + dataDir + ": " + e);
        }
    }
}
