package dev.keel.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A process this benchmark started, with its output in a log file. It is stopped through its own PID only:
 * SIGTERM, then SIGKILL if it has not exited within the grace period.
 */
final class ChildProcess {

    private final String name;
    private final Process process;
    private final Path log;
    private final List<String> command;

    private ChildProcess(String name, Process process, Path log, List<String> command) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.command = command;
    }

    static ChildProcess start(String name, List<String> command, Path workingDir, Path log) throws IOException {
        Process process = new ProcessBuilder(command)
                .directory(workingDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        Progress.log("started %s (pid %d)", name, process.pid());
        return new ChildProcess(name, process, log, command);
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    List<String> command() {
        return command;
    }

    /** The end of the log, for error messages. */
    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException e) {
            return "(no log: " + e + ")";
        }
    }

    void stop(long graceSeconds) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(graceSeconds, TimeUnit.SECONDS)) {
                Progress.log("%s (pid %d) did not stop within %ds: killing it", name, process.pid(), graceSeconds);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        Progress.log("stopped %s (pid %d)", name, process.pid());
    }
}
