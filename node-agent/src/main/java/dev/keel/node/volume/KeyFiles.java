package dev.keel.node.volume;

import io.fabric8.kubernetes.api.model.KeyToPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The keys of a ConfigMap or Secret as the files the kubelet projects: one file per key, or only the listed
 * {@code items} at their paths; modes from the item or {@code defaultMode}. {@link AtomicDirectory} writes them.
 */
final class KeyFiles {

    /** 0644, the API's default mode of projected files. */
    static final int DEFAULT_MODE = 0644;

    private KeyFiles() {
    }

    /**
     * The files to write, relative path to content and mode. A listed key the source lacks fails, with the kubelet's
     * words ({@code configmap references non-existent config key: k}), unless the source is optional.
     */
    static Map<String, FileContent> select(Map<String, byte[]> data, List<KeyToPath> items, Integer defaultMode,
        String kind, boolean optional) throws VolumeUnavailableException {
        int mode = defaultMode == null ? DEFAULT_MODE : defaultMode;
        Map<String, FileContent> files = new LinkedHashMap<>();
        if (items == null || items.isEmpty()) {
            data.forEach((key, value) -> files.put(key, new FileContent(value, mode)));
            return files;
        }
        for (KeyToPath item : items) {
            byte[] value = data.get(item.getKey());
            if (value == null) {
                if (optional) {
                    continue;
                }
                throw new VolumeUnavailableException("Secret".equals(kind)
                    ? "secret references non-existent secret key: " + item.getKey()
                    : "configmap references non-existent config key: " + item.getKey());
            }
            files.put(item.getPath(), new FileContent(value, item.getMode() == null ? mode : item.getMode()));
        }
        return files;
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
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
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
