package dev.keel.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** This run's own etcd: free loopback ports, a data directory in the run's temporary directory. */
final class EtcdProcess {

    private final ChildProcess process;
    private final int clientPort;
    private final boolean fsync;

    private EtcdProcess(ChildProcess process, int clientPort, boolean fsync) {
        this.process = process;
        this.clientPort = clientPort;
        this.fsync = fsync;
    }

    static EtcdProcess start(String binary, Path runDir, boolean fsync) throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of(binary))) {
            throw new IllegalStateException(binary + " is missing: install Debian's etcd-server");
        }
        int clientPort = Ports.free();
        int peerPort = Ports.free();
        String client = "http://127.0.0.1:" + clientPort;
        String peer = "http://127.0.0.1:" + peerPort;
        Path dir = Files.createDirectories(runDir.resolve("etcd"));
        List<String> command = new ArrayList<>(List.of(binary,
                "--name", "bench",
                "--data-dir", dir.resolve("data").toString(),
                "--listen-client-urls", client, "--advertise-client-urls", client,
                "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
                "--initial-cluster", "bench=" + peer));
        if (!fsync) {
            command.add("--unsafe-no-fsync");
        }
        ChildProcess process = ChildProcess.start("etcd", command, dir, dir.resolve("etcd.log"));
        EtcdProcess etcd = new EtcdProcess(process, clientPort, fsync);
        etcd.awaitListening(30_000);
        return etcd;
    }

    String endpoint() {
        return "http://127.0.0.1:" + clientPort;
    }

    long pid() {
        return process.pid();
    }

    boolean fsync() {
        return fsync;
    }

    void stop() {
        process.stop(15);
    }

    private void awaitListening(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            if (!process.alive()) {
                throw new IllegalStateException("etcd exited at start:\n" + process.logTail(30));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", clientPort), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("etcd did not listen on " + clientPort + " within " + timeoutMillis + " ms");
    }

    /** The first line of {@code etcd --version}. */
    static String version(String binary) {
        try {
            Process version = new ProcessBuilder(binary, "--version").redirectErrorStream(true).start();
            String out = new String(version.getInputStream().readAllBytes()).trim();
            version.waitFor();
            return out.lines().findFirst().orElse("?").replace("etcd Version: ", "");
        } catch (IOException e) {
            return "?";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }
}
