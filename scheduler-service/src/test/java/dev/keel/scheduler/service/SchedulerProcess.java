package dev.keel.scheduler.service;

import dev.keel.scheduler.SchedulerApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One scheduler-service replica in its own JVM against the suite's platform-api, so a test can kill it (SIGKILL) as a
 * crash would: nothing in it gets to release its Lease or flush anything.
 */
final class SchedulerProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private SchedulerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static SchedulerProcess start(TestCluster cluster, String... properties) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError",
                "-cp", testClassPath(),
                SchedulerApplication.class.getName(),
                "--server.port=0",
                "--spring.jmx.enabled=false",
                "--keel.client.kubeconfig=" + cluster.api.kubeconfig(),
                "--keel.scheduler.initial-backoff=200ms",
                "--keel.scheduler.max-backoff=2s"));
        command.addAll(List.of(properties));
        try {
            Path log = Files.createTempFile("scheduler-process-", ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new SchedulerProcess(process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start scheduler-service in its own JVM", e);
        }
    }

    /** Surefire runs tests from a manifest-only jar and keeps the real class path in its own property. */
    private static String testClassPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The replica's output, for a failure message. */
    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** SIGKILL: the replica dies without releasing its Lease, as in a crash. */
    void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("scheduler-service process " + process.pid() + " survived SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove " + log, e);
        }
    }
}
