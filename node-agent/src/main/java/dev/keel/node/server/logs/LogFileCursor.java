package dev.keel.node.server.logs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * Reads one log file's complete lines from where the last read stopped. A line the runtime is still writing (no
 * newline yet) is held back until it is complete, so a follower never sees half a line.
 */
public class LogFileCursor implements AutoCloseable {

    private final Path file;
    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    public LogFileCursor(Path file) throws IOException {
        this.file = file;
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
    }

    public Path file() {
        return file;
    }

    /** Hands every complete line written since the last call to {@code lines}; answers how many there were. */
    public int readLines(Consumer<String> lines) throws IOException {
        int count = 0;
        while (true) {
            buffer.clear();
            int read = channel.read(buffer);
            if (read <= 0) {
                return count;
            }
            byte[] bytes = buffer.array();
            int start = 0;
            for (int i = 0; i < read; i++) {
                if (bytes[i] == '\n') {
                    pending.write(bytes, start, i - start);
                    lines.accept(pending.toString(StandardCharsets.UTF_8));
                    pending.reset();
                    count++;
                    start = i + 1;
                }
            }
            pending.write(bytes, start, read - start);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
