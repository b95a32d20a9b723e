package dev.keel.node.volume;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Memory emptyDirs as tmpfs mounts, made with mount(8) as the kubelet does ({@code mount -t tmpfs -o size=N tmpfs DIR}),
 * in the agent's mount namespace (which containerd shares: both enter only the node's network namespace). What is
 * mounted is read from /proc/self/mountinfo, so a restarted agent finds its earlier mounts.
 */
public class TmpfsMedium implements MemoryMedium {

    private static final Logger log = LoggerFactory.getLogger(TmpfsMedium.class);
    private static final Path MOUNT_INFO = Path.of("/proc/self/mountinfo");

    @Override
    public void mount(Path directory, Long sizeBytes) throws IOException {
        // mountinfo lists real paths: compare with the directory's own, or a symlinked root mounts it again.
        Path target = directory.toRealPath();
        if (mountPoints().contains(target)) {
            return;
        }
        List<String> command = new ArrayList<>(List.of("mount", "-t", "tmpfs"));
        if (sizeBytes != null && sizeBytes > 0) {
            command.addAll(List.of("-o", "size=" + sizeBytes));
        }
        command.addAll(List.of("tmpfs", target.toString()));
        run(command);
        log.info("Mounted a tmpfs at {} (size {})", target, sizeBytes == null ? "default" : sizeBytes);
    }

    @Override
    public void unmountUnder(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Path base = root.toRealPath();
        List<Path> under = mountPoints().stream().filter(point -> point.startsWith(base))
            .sorted(Comparator.comparingInt(Path::getNameCount).reversed()).toList();
        for (Path point : under) {
            run(List.of("umount", point.toString()));
            log.info("Unmounted the tmpfs at {}", point);
        }
    }

    /** The mount points of this mount namespace (field 5 of mountinfo, with its octal escapes undone). */
    static List<Path> mountPoints() throws IOException {
        List<Path> points = new ArrayList<>();
        for (String line : Files.readAllLines(MOUNT_INFO, StandardCharsets.UTF_8)) {
            String[] fields = line.split(" ");
            if (fields.length > 4) {
                points.add(Path.of(unescape(fields[4])));
            }
        }
        return points;
    }

    static String unescape(String field) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length() && field.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static void run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted waiting for " + String.join(" ", command), e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed (exit " + process.exitValue() + "): " + output);
        }
    }
}
