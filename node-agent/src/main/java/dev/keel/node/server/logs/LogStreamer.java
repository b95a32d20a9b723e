package dev.keel.node.server.logs;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Copies a container's CRI log to a client as {@code kubectl logs} expects it: the text of each line (time first
 * with {@code timestamps}), filtered by {@code sinceSeconds}, cut to the last {@code tailLines} and to
 * {@code limitBytes}. With {@code follow} it keeps reading the file as it grows, moves on to the next attempt's
 * file when the container restarts, and ends once no container writes the log any more.
 */
public class LogStreamer {

    /** Idle polls without a running container after which a follow ends (a restart in between is picked up). */
    private static final int IDLE_POLLS_BEFORE_END = 3;

    private final Duration pollInterval;

    public LogStreamer(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    /** Raised when the requested log does not exist: no container, or no previous one. */
    public static class NoLogException extends Exception {
        public NoLogException(String message) {
            super(message);
        }
    }

    public void stream(LogSource source, LogOptions options, LogSink sink)
        throws IOException, InterruptedException, NoLogException {
        List<Path> files = source.files();
        int index = files.size() - (options.previous() ? 2 : 1);
        if (index < 0) {
            throw new NoLogException(options.previous() ? "previous terminated container not found"
                : "the container has not written a log yet");
        }
        Output output = new Output(sink, options);
        Path file = files.get(index);
        LogFileCursor cursor = new LogFileCursor(file);
        try {
            if (!readInitial(cursor, options, output)) {
                return;
            }
            if (!options.follow() || options.previous()) {
                return;
            }
            int idlePolls = 0;
            while (true) {
                if (!copy(cursor, output)) {
                    return;
                }
                if (output.wroteSinceFlush) {
                    output.flush();
                    idlePolls = 0;
                    continue;
                }
                Path next = nextFile(source, cursor.file());
                if (next != null) {
                    // The container restarted: finish the old file, then follow the new one from its start.
                    if (!copy(cursor, output)) {
                        return;
                    }
                    cursor.close();
                    cursor = new LogFileCursor(next);
                    idlePolls = 0;
                    continue;
                }
                if (!source.running() && ++idlePolls >= IDLE_POLLS_BEFORE_END) {
                    copy(cursor, output);
                    output.flush();
                    return;
                }
                output.flush(); // notices a client that went away while nothing was written
                Thread.sleep(pollInterval.toMillis());
            }
        } catch (NoSuchFileException e) {
            // The pod was removed while it was followed: its logs went with it.
            output.flush();
        } finally {
            cursor.close();
        }
    }

    private static boolean readInitial(LogFileCursor cursor, LogOptions options, Output output) throws IOException {
        if (options.tailLines() == null) {
            return copy(cursor, output) && output.flush();
        }
        long tail = options.tailLines();
        Deque<String> last = new ArrayDeque<>();
        cursor.readLines(line -> {
            if (tail > 0) {
                if (last.size() == tail) {
                    last.removeFirst();
                }
                last.addLast(line);
            }
        });
        for (String line : last) {
            if (!output.line(line)) {
                return false;
            }
        }
        return output.flush();
    }

    /** Copies the new lines; false once the byte limit is reached. */
    private static boolean copy(LogFileCursor cursor, Output output) throws IOException {
        boolean[] open = {true};
        IOException[] failure = {null};
        cursor.readLines(line -> {
            if (open[0] && failure[0] == null) {
                try {
                    open[0] = output.line(line);
                } catch (IOException e) {
                    failure[0] = e;
                }
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        return open[0];
    }

    private static Path nextFile(LogSource source, Path current) throws IOException {
        List<Path> files = source.files();
        int at = files.indexOf(current);
        return at >= 0 && at + 1 < files.size() ? files.get(at + 1) : null;
    }

    /** Renders lines to the sink within the byte limit. */
    private static final class Output {

        private final LogSink sink;
        private final LogOptions options;
        private long remaining;
        private boolean wroteSinceFlush;

        Output(LogSink sink, LogOptions options) {
            this.sink = sink;
            this.options = options;
            this.remaining = options.limitBytes() == null ? Long.MAX_VALUE : options.limitBytes();
        }

        /** Writes one line unless filtered out; false once the limit is reached. */
        boolean line(String raw) throws IOException {
            if (remaining <= 0) {
                return false;
            }
            CriLogLine line;
            try {
                line = CriLogLine.parse(raw);
            } catch (IllegalArgumentException e) {
                // A line the runtime did not write in CRI format (a truncated file): shown as it is.
                line = null;
            }
            if (line != null && options.since() != null && line.time().isBefore(options.since())) {
                return true;
            }
            byte[] bytes = line != null ? line.render(options.timestamps())
                : (raw + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            if (bytes.length > remaining) {
                bytes = java.util.Arrays.copyOf(bytes, (int) remaining);
            }
            sink.write(bytes);
            remaining -= bytes.length;
            wroteSinceFlush = true;
            if (remaining <= 0) {
                flush();
                return false;
            }
            return true;
        }

        boolean flush() throws IOException {
            sink.flush();
            wroteSinceFlush = false;
            return remaining > 0;
        }
    }
}
