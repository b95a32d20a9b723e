package dev.keel.api.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs one of the machine's real kubectl binaries against the test server, as a user would. */
public final class Kubectl {

    /** The versions the end-to-end tests cover: the newest and the oldest on the machine. */
    public static final List<String> VERSIONS = List.of("1.33", "1.27");

    private final Path binary;
    private final Path kubeconfig;
    private final Path cacheDir;
    private final Duration timeout;

    public Kubectl(String version, Path kubeconfig) {
        this(Path.of("/usr/lib/google-cloud-sdk/bin/kubectl." + version), kubeconfig, createCacheDir(), Duration.ofSeconds(60));
    }

    private Kubectl(Path binary, Path kubeconfig, Path cacheDir, Duration timeout) {
        this.binary = binary;
        this.kubeconfig = kubeconfig;
        this.cacheDir = cacheDir;
        this.timeout = timeout;
    }

    /** The same kubectl, killed after {@code limit} instead of 60 s (for rollout status and other waits). */
    public Kubectl withTimeout(Duration limit) {
        return new Kubectl(binary, kubeconfig, cacheDir, limit);
    }

    private static Path createCacheDir() {
        try {
            return Files.createTempDirectory("kubectl-cache-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean available() {
        return Files.isExecutable(binary);
    }

    /** What one kubectl run printed. */
    public record Result(int exitCode, String out, String err) {

        public String all() {
            return out + err;
        }
    }

    public Result run(String... args) {
        return runWithInput(null, args);
    }

    public Result runWithInput(String stdin, String... args) {
        try {
            Path out = Files.createTempFile("kubectl-out-", ".txt");
            Path err = Files.createTempFile("kubectl-err-", ".txt");
            Process process = builder(args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (stdin != null) {
                process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("kubectl " + String.join(" ", args) + " did not finish within " + timeout);
            }
            Result result = new Result(process.exitValue(), Files.readString(out), Files.readString(err));
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts kubectl in the background (for {@code get -w}); the caller stops it. */
    public Process start(Path output, String... args) {
        try {
            return builder(args).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts kubectl in a terminal, for {@code -t}, which kubectl refuses without one: script(1) runs it on a
     * pseudo-terminal that the process's stdin types into; what the terminal shows goes to {@code output}.
     */
    public Process startInTerminal(Path output, String... args) {
        List<String> command = builder(args).command();
        // script(1) takes one shell command line: each word single-quoted.
        String line = String.join(" ", command.stream().map(word -> "'" + word.replace("'", "'\\''") + "'").toList());
        ProcessBuilder terminal = new ProcessBuilder("script", "-qec", line, "/dev/null").redirectErrorStream(true)
            .redirectOutput(output.toFile());
        terminal.environment().put("HOME", cacheDir.toString());
        terminal.environment().remove("KUBECONFIG");
        try {
            return terminal.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** This binary with the test kubeconfig, its own cache and HOME, so runs never share state. */
    private ProcessBuilder builder(String... args) {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.add("--kubeconfig=" + kubeconfig);
        command.add("--cache-dir=" + cacheDir);
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("HOME", cacheDir.toString());
        builder.environment().remove("KUBECONFIG");
        return builder;
    }
}
