package dev.keel.api.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real {@code kubectl port-forward} running in the background on a local port it picks ({@code :REMOTE}), and
 * plain HTTP/1.0 requests through it. Close stops kubectl.
 */
public final class KubectlPortForward implements AutoCloseable {

    private static final Pattern FORWARDING = Pattern.compile("Forwarding from 127\\.0\\.0\\.1:(\\d+) -> (\\d+)");

    private final Process process;
    private final Path output;

    private KubectlPortForward(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** Starts {@code kubectl [-n namespace] port-forward TARGET :REMOTE} on 127.0.0.1. */
    public static KubectlPortForward start(Kubectl kubectl, String namespace, String target, int remotePort) {
        try {
            Path output = Files.createTempFile("kubectl-port-forward-", ".out");
            List<String> args = new ArrayList<>();
            if (namespace != null) {
                args.addAll(List.of("-n", namespace));
            }
            args.addAll(List.of("port-forward", "--address=127.0.0.1", target, ":" + remotePort));
            return new KubectlPortForward(kubectl.start(output, args.toArray(String[]::new)), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The local port, once kubectl printed {@code Forwarding from 127.0.0.1:PORT}; fails with what kubectl printed
     * if it ended first or {@code limit} passed.
     */
    public int localPort(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            Matcher matcher = FORWARDING.matcher(output());
            if (matcher.find()) {
                return Integer.parseInt(matcher.group(1));
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("kubectl port-forward is not forwarding (alive: " + process.isAlive() + "): "
                    + output());
            }
            Thread.sleep(200);
        }
    }

    /** What kubectl printed so far, stdout and stderr together. */
    public String output() {
        try {
            return Files.readString(output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** Waits up to {@code limit} for kubectl to end; answers its exit code, or null when it still runs. */
    public Integer awaitExit(Duration limit) throws InterruptedException {
        return process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : null;
    }

    /** One {@code GET /} over HTTP/1.0 on a new connection to the local port: everything read until it closed. */
    public static String httpGet(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write("GET / HTTP/1.0\r\nHost: test\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
