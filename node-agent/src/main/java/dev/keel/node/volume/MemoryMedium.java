package dev.keel.node.volume;

import java.io.IOException;
import java.nio.file.Path;

/** How an {@code emptyDir} with {@code medium: Memory} is backed on this node. */
public interface MemoryMedium {

    /** Makes {@code directory} memory-backed with at most {@code sizeBytes} (null: the medium's default); idempotent. */
    void mount(Path directory, Long sizeBytes) throws IOException;

    /** Releases every memory-backed directory under {@code root} before it is deleted. */
    void unmountUnder(Path root) throws IOException;

    /** A plain directory (hollow nodes: nothing runs in it). */
    MemoryMedium DIRECTORY = new MemoryMedium() {
        @Override
        public void mount(Path directory, Long sizeBytes) {
        }

        @Override
        public void unmountUnder(Path root) {
        }
    };
}
