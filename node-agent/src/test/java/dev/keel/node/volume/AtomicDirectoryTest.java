package dev.keel.node.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.node.volume.KeyFiles.FileContent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kubelet's atomic-writer layout: timestamped versions, ..data swapped by rename, visible names as symlinks. */
class AtomicDirectoryTest {

    @TempDir
    Path root;

    private final AtomicDirectory directory() {
        return new AtomicDirectory(root.resolve("vol"), Clock.fixed(Instant.parse("2026-12-07T17:40:05Z"), ZoneOffset.UTC));
    }

    private static FileContent text(String content, int mode) {
        return new FileContent(content.getBytes(StandardCharsets.UTF_8), mode);
    }

    private List<String> entries() throws Exception {
        try (Stream<Path> list = Files.list(root.resolve("vol"))) {
            return list.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void filesLiveInATimestampedVersionReachedThroughDataAndSymlinks() throws Exception {
        assertThat(directory().write(Map.of("mode", text("fast", 0644), "conf/level", text("3", 0400)))).isTrue();
        Path vol = root.resolve("vol");
        String version = Files.readSymbolicLink(vol.resolve("..data")).toString();
        assertThat(version).matches("\\.\\.2026_12_07_17_40_05\\.\\d+");
        assertThat(entries()).containsExactlyInAnyOrder("..data", version, "conf", "mode");
        assertThat(Files.readSymbolicLink(vol.resolve("mode"))).isEqualTo(Path.of("..data/mode"));
        assertThat(Files.readSymbolicLink(vol.resolve("conf"))).isEqualTo(Path.of("..data/conf"));
        assertThat(Files.readString(vol.resolve("conf/level"))).isEqualTo("3");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(vol.resolve(version).resolve("conf/level"))))
            .isEqualTo("r--------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(vol.resolve(version))))
            .isEqualTo("rwxr-xr-x");
    }

    @Test
    void aNewVersionReplacesTheOldOneAndDropsNamesThatWentAway() throws Exception {
        AtomicDirectory directory = directory();
        directory.write(Map.of("a", text("1", 0644), "b", text("2", 0644)));
        Path vol = root.resolve("vol");
        String first = Files.readSymbolicLink(vol.resolve("..data")).toString();
        assertThat(directory.write(Map.of("a", text("one", 0644)))).isTrue();
        String second = Files.readSymbolicLink(vol.resolve("..data")).toString();
        assertThat(second).isNotEqualTo(first);
        assertThat(entries()).containsExactlyInAnyOrder("..data", second, "a");
        assertThat(Files.readString(vol.resolve("a"))).isEqualTo("one");
    }

    @Test
    void unchangedContentWritesNothing() throws Exception {
        AtomicDirectory directory = directory();
        directory.write(Map.of("a", text("1", 0644)));
        String version = Files.readSymbolicLink(root.resolve("vol/..data")).toString();
        assertThat(directory.write(Map.of("a", text("1", 0644)))).isFalse();
        assertThat(Files.readSymbolicLink(root.resolve("vol/..data")).toString()).isEqualTo(version);
        assertThat(directory.write(Map.of("a", text("1", 0600)))).as("a mode change is a change").isTrue();
    }

    @Test
    void plainFilesOfTheOlderLayoutGiveWayToLinks() throws Exception {
        Files.createDirectories(root.resolve("vol"));
        Files.writeString(root.resolve("vol/a"), "old");
        directory().write(Map.of("a", text("new", 0644)));
        assertThat(root.resolve("vol/a")).isSymbolicLink();
        assertThat(Files.readString(root.resolve("vol/a"))).isEqualTo("new");
    }

    @Test
    void reservedOrEscapingPathsAreRefused() {
        for (String bad : List.of("..data", "../x", "a/../../x", "/etc/passwd", "..x/y")) {
            assertThatThrownBy(() -> directory().write(Map.of(bad, text("x", 0644)))).as(bad)
                .hasMessageStartingWith("invalid path");
        }
    }
}
