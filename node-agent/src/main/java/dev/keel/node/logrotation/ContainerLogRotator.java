package dev.keel.node.logrotation;

import dev.keel.node.runtime.ContainerRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * Rotates one running container's live log file as the kubelet does: removes leftovers and the oldest rotated files
 * beyond the policy, gzips the rotated files that stay, renames the live file to {@code <log>.<timestamp>} and asks
 * the runtime to reopen the container's log, which creates a new live file. When the reopen fails, the rotated file
 * is renamed back so nothing is lost and the next round tries again.
 */
public class ContainerLogRotator {

    private final ContainerRuntime runtime;
    private final LogRotationPolicy policy;
    private final Clock clock;

    public ContainerLogRotator(ContainerRuntime runtime, LogRotationPolicy policy, Clock clock) {
        this.runtime = runtime;
        this.policy = policy;
        this.clock = clock;
    }

    /**
     * Rotates {@code log} of container {@code containerId} ({@code name}, for messages); answers the rotated file, or
     * null when it was left alone because a file of the same second exists already (the next round rotates it).
     */
    public Path rotate(String containerId, String name, Path log) throws LogRotationException {
        Path directory = log.getParent();
        String live = log.getFileName().toString();
        Path rotated = directory.resolve(RotatedLogNames.rotatedName(live, LocalDateTime.now(clock)));
        if (Files.exists(rotated) || Files.exists(Path.of(rotated + RotatedLogNames.COMPRESSED))) {
            return null;
        }
        RotatedLogNames.Plan plan;
        try (Stream<Path> entries = Files.list(directory)) {
            plan = RotatedLogNames.plan(live, entries.map(path -> path.getFileName().toString()).toList(), policy);
        } catch (IOException e) {
            throw failure(name, "cannot list " + directory, e);
        }
        for (String old : plan.remove()) {
            try {
                Files.deleteIfExists(directory.resolve(old));
            } catch (IOException e) {
                throw failure(name, "cannot remove old log " + directory.resolve(old), e);
            }
        }
        for (String uncompressed : plan.compress()) {
            compress(name, directory.resolve(uncompressed));
        }
        try {
            Files.move(log, rotated, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw failure(name, "cannot rename " + log + " to " + rotated, e);
        }
        try {
            runtime.reopenContainerLog(containerId);
        } catch (RuntimeException e) {
            LogRotationException failure = failure(name, "the runtime did not reopen the log of container "
                + containerId + " (" + log + ")", e);
            try {
                Files.move(rotated, log, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException back) {
                failure.addSuppressed(new IOException("cannot rename " + rotated + " back to " + log
                    + "; its lines stay there", back));
            }
            throw failure;
        }
        return rotated;
    }

    /** {@code file} to {@code file.gz} through {@code file.tmp}, then removes {@code file}. */
    private static void compress(String name, Path file) throws LogRotationException {
        Path compressed = Path.of(file + RotatedLogNames.COMPRESSED);
        Path temporary = Path.of(file + RotatedLogNames.TEMPORARY);
        try {
            try (InputStream in = Files.newInputStream(file);
                 OutputStream out = new GZIPOutputStream(Files.newOutputStream(temporary))) {
                in.transferTo(out);
            }
            Files.move(temporary, compressed, StandardCopyOption.ATOMIC_MOVE);
            Files.delete(file);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw failure(name, "cannot compress " + file, e);
        }
    }

    private static LogRotationException failure(String name, String what, Exception cause) {
        return new LogRotationException("rotating the log of " + name + ": " + what + ": " + cause.getMessage(), cause);
    }
}
