package dev.keel.reconciler.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** reconciler-service as its own JVM, from the jar this build made, so a test can kill it with SIGKILL. */
final class ReconcilerProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private ReconcilerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static ReconcilerProcess start(Path kubeconfig, Path log) {
        Path jar = executableJar();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m", "-XX:+ExitOnOutOfMemoryError", "-jar", jar.toString(),
                "--server.port=0",
                "--keel.client.kubeconfig=" + kubeconfig,
                "--keel.reconciler.leader-election.lease-duration=4s",
                "--keel.reconciler.leader-election.renew-deadline=3s",
                "--keel.reconciler.leader-election.retry-period=500ms"));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            return new ReconcilerProcess(process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + jar, e);
        }
    }

    /** SIGKILL: no shutdown hooks, no lease release, writes cut off mid-flight. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            process.waitFor();
        }
    }

    private static Path executableJar() {
        try (var files = Files.list(Path.of("target"))) {
            return files.filter(file -> file.getFileName().toString().matches("reconciler-service-.*-exec\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no reconciler-service exec jar in target/: "
                            + "this test runs after package (mvn verify)"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
