package dev.keel.node.volume;

import dev.keel.node.volume.KeyFiles.FileContent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Projects a set of files into a volume directory so that a container never sees a mix of old and new content, the
 * way the kubelet's atomic writer lays it out:
 * <pre>
 *   DIR/..2026_12_07_17_40_00.123456   the files of one version (0755 directories, files with their modes)
 *   DIR/..data -> ..2026_12_07_17_40_00.123456
 *   DIR/key    -> ..data/key           one symlink per top-level name ("a/b" is reached through "a -> ..data/a")
 * </pre>
 * A new version goes into a new timestamped directory; {@code ..data_tmp} pointing at it is renamed over
 * {@code ..data} (rename(2) is atomic), then names that went away and the old version are removed. Nothing is
 * written when the content and modes are unchanged. Names starting with ".." are reserved.
 */
final class AtomicDirectory {

    static final String DATA = "..data";
    static final String DATA_TMP = "..data_tmp";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("'..'yyyy_MM_dd_HH_mm_ss.")
        .withZone(ZoneOffset.UTC);

    private final Path target;
    private final Clock clock;

    AtomicDirectory(Path target, Clock clock) {
        this.target = target;
        this.clock = clock;
    }

    /** Makes the directory show exactly {@code payload}; answers whether a new version was written. */
    boolean write(Map<String, FileContent> payload) throws IOException {
        for (String path : payload.keySet()) {
            validate(path);
        }
        Files.createDirectories(target);
        Path data = target.resolve(DATA);
        Path oldVersion = Files.isSymbolicLink(data) ? target.resolve(Files.readSymbolicLink(data)) : null;
        Set<String> stale = oldVersion == null ? Set.of() : stalePaths(payload, oldVersion);
        if (oldVersion != null && stale.isEmpty() && !differs(payload, oldVersion)) {
            return false;
        }
        Path version = Files.createTempDirectory(target, STAMP.format(clock.instant()));
        try {
            Files.setPosixFilePermissions(version, KeyFiles.permissions(0755));
            for (Map.Entry<String, FileContent> file : payload.entrySet()) {
                Path path = version.resolve(file.getKey());
                createDirectories(version, path.getParent());
                Files.write(path, file.getValue().bytes());
                Files.setPosixFilePermissions(path, KeyFiles.permissions(file.getValue().mode()));
            }
            linkVisibleNames(payload.keySet());
            Path next = target.resolve(DATA_TMP);
            Files.deleteIfExists(next);
            Files.createSymbolicLink(next, version.getFileName());
            Files.move(next, data, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            KeyFiles.deleteTree(version);
            throw e;
        }
        for (String name : stale) {
            if (!name.contains("/")) {
                KeyFiles.deleteTree(target.resolve(name));
            }
        }
        if (oldVersion != null && !oldVersion.equals(version)) {
            KeyFiles.deleteTree(oldVersion);
        }
        return true;
    }

    /** Relative, no ".." element, not starting with "..", as the kubelet requires of projected paths. */
    static void validate(String path) throws IOException {
        if (path.isEmpty() || path.startsWith("/")) {
            throw new IOException("invalid path: must be a non-empty relative path: " + path);
        }
        String[] elements = path.split("/");
        if (Arrays.asList(elements).contains("..")) {
            throw new IOException("invalid path: must not contain '..': " + path);
        }
        if (elements[0].startsWith("..")) {
            throw new IOException("invalid path: must not start with '..': " + path);
        }
    }

    /** Directories inside a version are 0755 whatever the umask, so any user of the container can read through. */
    private static void createDirectories(Path version, Path directory) throws IOException {
        if (directory.equals(version) || Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        createDirectories(version, directory.getParent());
        Files.createDirectory(directory);
        Files.setPosixFilePermissions(directory, KeyFiles.permissions(0755));
    }

    /** Top-level names become symlinks into ..data; a plain file left by an older layout is replaced by its link. */
    private void linkVisibleNames(Set<String> paths) throws IOException {
        Set<String> names = new TreeSet<>();
        paths.forEach(path -> names.add(path.split("/", 2)[0]));
        for (String name : names) {
            Path visible = target.resolve(name);
            if (Files.isSymbolicLink(visible)) {
                continue;
            }
            if (Files.exists(visible, LinkOption.NOFOLLOW_LINKS)) {
                KeyFiles.deleteTree(visible);
            }
            Files.createSymbolicLink(visible, Path.of(DATA, name));
        }
    }

    /** Paths of the old version that the payload no longer has (directories that still hold payload files stay). */
    private static Set<String> stalePaths(Map<String, FileContent> payload, Path oldVersion) throws IOException {
        Set<String> wanted = new HashSet<>();
        for (String path : payload.keySet()) {
            for (Path prefix = Path.of(path); prefix != null; prefix = prefix.getParent()) {
                wanted.add(prefix.toString());
            }
        }
        Set<String> stale = new HashSet<>();
        if (!Files.isDirectory(oldVersion)) {
            return stale;
        }
        try (Stream<Path> existing = Files.walk(oldVersion)) {
            existing.filter(path -> !path.equals(oldVersion))
                .map(path -> oldVersion.relativize(path).toString())
                .filter(path -> !wanted.contains(path))
                .forEach(stale::add);
        }
        return stale;
    }

    /** Whether any file's content or mode differs from the old version's. */
    private static boolean differs(Map<String, FileContent> payload, Path oldVersion) throws IOException {
        for (Map.Entry<String, FileContent> file : payload.entrySet()) {
            Path old = oldVersion.resolve(file.getKey());
            if (!Files.isRegularFile(old, LinkOption.NOFOLLOW_LINKS)
                || !Arrays.equals(Files.readAllBytes(old), file.getValue().bytes())
                || !Files.getPosixFilePermissions(old).equals(KeyFiles.permissions(file.getValue().mode()))) {
                return true;
            }
        }
        return false;
    }
}
