package dev.keel.node.server.logs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Reads one log file's complete lines from where the last read stopped. A line the runtime is still writing (no
 * newline yet) is held back until it is complete, so a follower never sees half a line. The cursor keeps reading the
 * file it opened even after a rotation renamed it; {@link #replacedAt(Path)} tells when a path names another file.
 */
public class LogFileCursor implements AutoCloseable {

    private final Path file;
    private final ReadableByteChannel channel;
    private final Object fileKey;
    private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    public LogFileCursor(Path file) throws IOException {
        this.file = file;
        // The identity is read before and after opening, so a rename in between cannot pair a channel with the
        // identity of another file.
        while (true) {
            Object before = key(file);
            FileChannel opened = FileChannel.open(file, StandardOpenOption.READ);
            Object after;
            try {
                after = key(file);
            } catch (IOException e) {
                opened.close();
                throw e;
            }
            if (Objects.equals(before, after)) {
                this.channel = opened;
                this.fileKey = after;
                return;
            }
            opened.close();
        }
    }

    private LogFileCursor(Path file, ReadableByteChannel channel, Object fileKey) {
        this.file = file;
        this.channel = channel;
        this.fileKey = fileKey;
    }

    /** A rotated file the kubelet compressed ({@code .gz}, complete once it has that name), read from its start. */
    public static LogFileCursor compressed(Path file) throws IOException {
        Object key = key(file);
        InputStream in = Files.newInputStream(file);
        try {
            return new LogFileCursor(file, Channels.newChannel(new GZIPInputStream(in, 64 * 1024)), key);
        } catch (IOException e) {
            in.close();
            throw e;
        }
    }

    /** The path this cursor was opened at (the file may have been renamed since). */
    public Path file() {
        return file;
    }

    /** Whether {@code path} names a file other than the one this cursor reads (false when nothing is there). */
    public boolean replacedAt(Path path) throws IOException {
        try {
            return !Objects.equals(key(path), fileKey);
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /** Whether {@code path} names the file this cursor reads. */
    public boolean reads(Path path) throws IOException {
        try {
            return Objects.equals(key(path), fileKey);
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /** Bytes of an unfinished last line held back (a file that ends without a newline). */
    public int pendingBytes() {
        return pending.size();
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

    private static Object key(Path path) throws IOException {
        return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
