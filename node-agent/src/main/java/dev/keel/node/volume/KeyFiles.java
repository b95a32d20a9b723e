package dev.keel.node.volume;

import io.fabric8.kubernetes.api.model.KeyToPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Writes the keys of a ConfigMap or Secret as files into a volume directory, as the kubelet projects them: one file
 * per key, or only the listed {@code items} at their paths; modes from the item or {@code defaultMode}. Each file is
 * replaced atomically, and files of keys that went away are removed, so a rewrite never shows half a file.
 */
final class KeyFiles {

    /** 0644, the API's default mode of projected files. */
    static final int DEFAULT_MODE = 0644;

    private KeyFiles() {
    }

    /** The files to write, relative path to content and mode; throws when a listed key is missing. */
    static Map<String, FileContent> select(Map<String, byte[]> data, List<KeyToPath> items, Integer defaultMode,
        String source) throws VolumeUnavailableException {
        int mode = defaultMode == null ? DEFAULT_MODE : defaultMode;
        Map<String, FileContent> files = new LinkedHashMap<>();
        if (items == null || items.isEmpty()) {
            data.forEach((key, value) -> files.put(key, new FileContent(value, mode)));
            return files;
        }
        for (KeyToPath item : items) {
            byte[] value = data.get(item.getKey());
            if (value == null) {
                throw new VolumeUnavailableException("couldn't find key " + item.getKey() + " in " + source);
            }
            files.put(item.getPath(), new FileContent(value, item.getMode() == null ? mode : item.getMode()));
        }
        return files;
    }

    /** Makes {@code directory} hold exactly {@code files}. */
    static void write(Path directory, Map<String, FileContent> files) throws IOException {
        Files.createDirectories(directory);
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, FileContent> file : files.entrySet()) {
            Path target = directory.resolve(file.getKey()).normalize();
            if (!target.startsWith(directory) || target.equals(directory)) {
                throw new IOException("file path " + file.getKey() + " leaves the volume");
            }
            Files.createDirectories(target.getParent());
            Path temporary = Files.createTempFile(target.getParent(), ".keel-", ".tmp");
            Files.write(temporary, file.getValue().bytes());
            Files.setPosixFilePermissions(temporary, permissions(file.getValue().mode()));
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            written.add(target);
        }
        try (Stream<Path> existing = Files.walk(directory)) {
            for (Path stale : existing.filter(Files::isRegularFile).filter(path -> !written.contains(path)).toList()) {
                Files.delete(stale);
            }
        }
    }

    /** The permission bits of a mode such as 0644 (setuid and sticky bits are not represented). */
    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] byBit = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        for (int bit = 0; bit < byBit.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                permissions.add(byBit[bit]);
            }
        }
        return permissions;
    }

    /** Deletes a directory tree; a missing one is fine. */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    record FileContent(byte[] bytes, int mode) {
    }
}
