package dev.keel.node.volume;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real tmpfs mounts (the tests run as root, as the agent does) in a temporary directory. */
class TmpfsMediumTest {

    @TempDir
    Path root;

    @Test
    void mountsOnceWithItsSizeAndUnmountsEverythingUnderAPod() throws Exception {
        TmpfsMedium tmpfs = new TmpfsMedium();
        Path volume = Files.createDirectories(root.resolve("pods/u 1/volumes/mem"));
        try {
            tmpfs.mount(volume, 1024L * 1024);
            tmpfs.mount(volume, 1024L * 1024);
            assertThat(TmpfsMedium.mountPoints().stream().filter(volume::equals)).as("mounted once").hasSize(1);
            assertThat(Files.getFileStore(volume).type()).isEqualTo("tmpfs");
            assertThat(Files.getFileStore(volume).getTotalSpace()).isEqualTo(1024L * 1024);
        } finally {
            tmpfs.unmountUnder(root.resolve("pods/u 1"));
        }
        assertThat(TmpfsMedium.mountPoints()).doesNotContain(volume);
        assertThat(Files.getFileStore(volume).type()).isNotEqualTo("tmpfs");
    }

    @Test
    void mountInfoEscapesAreUndone() {
        assertThat(TmpfsMedium.unescape("/a\\040b\\011c\\134d")).isEqualTo("/a b\tc\\d");
        assertThat(List.of(TmpfsMedium.unescape("/plain"))).containsExactly("/plain");
    }

    @Test
    void aSymlinkedRootIsMountedOnceAndUnmounted() throws Exception {
        TmpfsMedium tmpfs = new TmpfsMedium();
        Path real = Files.createDirectories(root.resolve("real/pods/u1/volumes/mem"));
        Path linked = Files.createSymbolicLink(root.resolve("linked"), root.resolve("real"));
        Path volume = linked.resolve("pods/u1/volumes/mem");
        try {
            tmpfs.mount(volume, 1024L * 1024);
            tmpfs.mount(volume, 1024L * 1024);
            assertThat(TmpfsMedium.mountPoints().stream().filter(real.toRealPath()::equals)).as("mounted once")
                .hasSize(1);
            tmpfs.unmountUnder(linked.resolve("pods/u1"));
            assertThat(TmpfsMedium.mountPoints()).as("unmounted").doesNotContain(real.toRealPath());
        } finally {
            while (TmpfsMedium.mountPoints().contains(real.toRealPath())) {
                new ProcessBuilder("umount", real.toRealPath().toString()).start().waitFor();
            }
        }
    }
}
