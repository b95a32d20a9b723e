package dev.keel.node.logrotation;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The names of a container log's rotated files, as the kubelet gives them: {@code <log>.<yyyyMMdd-HHmmss>} for the
 * newest rotated file, {@code <log>.<yyyyMMdd-HHmmss>.gz} once compressed, {@code .tmp} while being compressed.
 * Names sort oldest first. Only names are handled here, so the decisions are testable without files.
 */
public final class RotatedLogNames {

    public static final String COMPRESSED = ".gz";
    public static final String TEMPORARY = ".tmp";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private RotatedLogNames() {
    }

    /** The name the live file {@code log} is renamed to when rotated at {@code time} (local time, as the kubelet). */
    public static String rotatedName(String log, LocalDateTime time) {
        return log + "." + STAMP.format(time);
    }

    /** Whether {@code name} is one of {@code log}'s rotated files (any state). */
    public static boolean isRotated(String log, String name) {
        return name.startsWith(log + ".") && name.length() > log.length() + 1;
    }

    /**
     * What a rotation does with {@code log}'s rotated files (names of its directory matching {@code <log>.*}),
     * before it renames the live file.
     *
     * @param remove   leftovers of an interrupted rotation (temporary files, files whose compressed copy exists) and
     *                 the oldest files beyond the policy, oldest first
     * @param compress the files that stay and are not compressed yet
     */
    public record Plan(List<String> remove, List<String> compress) {
    }

    public static Plan plan(String log, Collection<String> names, LogRotationPolicy policy) {
        Set<String> all = Set.copyOf(names);
        List<String> remove = new ArrayList<>();
        List<String> inUse = new ArrayList<>();
        for (String name : names.stream().filter(name -> isRotated(log, name)).sorted().toList()) {
            if (name.endsWith(TEMPORARY) || (!name.endsWith(COMPRESSED) && all.contains(name + COMPRESSED))) {
                remove.add(name);
            } else {
                inUse.add(name);
            }
        }
        int excess = Math.max(0, inUse.size() - policy.rotatedKeptBeforeRotation());
        remove.addAll(inUse.subList(0, excess));
        List<String> kept = inUse.subList(excess, inUse.size());
        return new Plan(List.copyOf(remove), kept.stream().filter(name -> !name.endsWith(COMPRESSED)).toList());
    }

    /**
     * The rotated files of {@code log} in the order they were written, oldest first, each by its name before
     * compression ({@code <log>.<timestamp>} whether it is now {@code .gz} or not); temporary files left out.
     */
    public static List<String> chain(String log, Collection<String> names) {
        return names.stream().filter(name -> isRotated(log, name)).filter(name -> !name.endsWith(TEMPORARY))
            .map(name -> name.endsWith(COMPRESSED) ? name.substring(0, name.length() - COMPRESSED.length()) : name)
            .distinct().sorted().toList();
    }
}
