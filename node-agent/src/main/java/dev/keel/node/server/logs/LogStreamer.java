package dev.keel.node.server.logs;

import dev.keel.node.logrotation.RotatedLogNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies a container's CRI log to a client as {@code kubectl logs} expects it: the text of each line (time first
 * with {@code timestamps}), filtered by {@code sinceSeconds}, cut to the last {@code tailLines} and to
 * {@code limitBytes}. As the kubelet, it reads the live file only (not the rotated ones). With {@code follow} it keeps
 * reading the file as it grows, goes on with the new live file when the log is rotated (after the old file's last
 * line, so no line is lost or repeated), moves on to the next attempt's file when the container restarts, and ends
 * once no container writes the log any more.
 */
public class LogStreamer {

    private static final Logger log = LoggerFactory.getLogger(LogStreamer.class);

    /** Idle polls without a running container after which a follow ends (a restart in between is picked up). */
    private static final int IDLE_POLLS_BEFORE_END = 3;

    private final Duration pollInterval;

    public LogStreamer(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    /** Raised when the requested log does not exist: no container, no previous one, or no file where it should be. */
    public static class NoLogException extends Exception {

        /** Why there is no log. */
        public enum Reason { NEVER_STARTED, NO_PREVIOUS, FILE_MISSING }

        private final Reason reason;

        public NoLogException(Reason reason, String message) {
            super(message);
            this.reason = reason;
        }

        public Reason reason() {
            return reason;
        }
    }

    public void stream(LogSource source, LogOptions options, LogSink sink)
        throws IOException, InterruptedException, NoLogException {
        List<Path> files = source.files();
        int index = files.size() - (options.previous() ? 2 : 1);
        if (index < 0) {
            throw options.previous()
                ? new NoLogException(NoLogException.Reason.NO_PREVIOUS, "no previous container instance")
                : new NoLogException(NoLogException.Reason.NEVER_STARTED, "the container has not started yet");
        }
        Output output = new Output(sink, options);
        Position position = Position.open(files.get(index));
        try {
            if (!readInitial(position.cursor, options, output)) {
                return;
            }
            if (!options.follow() || options.previous()) {
                return;
            }
            int idlePolls = 0;
            while (true) {
                if (!copy(position.cursor, output)) {
                    return;
                }
                if (output.wroteSinceFlush) {
                    output.flush();
                    idlePolls = 0;
                    continue;
                }
                if (!position.cursor.reads(position.live) && Files.exists(position.live)) {
                    // The log was rotated: the runtime writes a new live file. Lines still in flight reach the old
                    // one for a moment after the new one appears, so the old file is read until it stays quiet.
                    if (!drainUntilQuiet(position.cursor, output)) {
                        return;
                    }
                    if (position.moveToSuccessor()) {
                        idlePolls = 0;
                        continue;
                    }
                }
                Path nextAttempt = nextFile(source, position.live);
                if (nextAttempt != null && Files.exists(nextAttempt)) {
                    // The container restarted: finish the old file, then follow the new one from its start.
                    if (!copy(position.cursor, output)) {
                        return;
                    }
                    position.close();
                    position = Position.open(nextAttempt);
                    idlePolls = 0;
                    continue;
                }
                if (!source.running() && ++idlePolls >= IDLE_POLLS_BEFORE_END) {
                    copy(position.cursor, output);
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
            position.close();
        }
    }

    /** Reads {@code cursor} again after each poll interval until a poll finds nothing new; false at the byte limit. */
    private boolean drainUntilQuiet(LogFileCursor cursor, Output output) throws IOException, InterruptedException {
        do {
            output.flush();
            Thread.sleep(pollInterval.toMillis());
            if (!copy(cursor, output)) {
                return false;
            }
        } while (output.wroteSinceFlush);
        return true;
    }

    /**
     * Where a reader is in one attempt's chain of files: rotated files oldest first (by their names, which sort by
     * time), then the live file. The file being read is known by the name it has in the chain; for the live file,
     * by the rotated names that existed when it was opened: the first rotation after that gives it the next name.
     * Names survive compression ({@code .gz} is read too), so a follower any number of rotations behind loses only
     * what the rotation removed (beyond {@code containerLogMaxFiles}).
     */
    private static final class Position {

        private final Path live;
        private LogFileCursor cursor;
        /** The rotated name of the file read; null while it is the live file. */
        private String name;
        /** The rotated names that existed when the live file was opened. */
        private Set<String> rotatedBefore;

        private Position(Path live) {
            this.live = live;
        }

        /**
         * The live file of an attempt; between a rotation's rename and the runtime's reopen there is none, and its
         * lines are in the newest rotated file.
         */
        static Position open(Path live) throws IOException, NoLogException {
            Position position = new Position(live);
            if (position.openLive()) {
                return position;
            }
            // Only an uncompressed newest file is the current log: a compressed one means the live file was removed.
            List<String> rotated = rotatedNames(live);
            if (!rotated.isEmpty()) {
                String newest = rotated.get(rotated.size() - 1);
                try {
                    position.cursor = new LogFileCursor(live.resolveSibling(newest));
                    position.name = newest;
                    return position;
                } catch (NoSuchFileException compressed) {
                    // falls through to the error
                }
            }
            throw new NoLogException(NoLogException.Reason.FILE_MISSING,
                "failed to open log file \"" + live + "\": no such file or directory");
        }

        /** Opens the live file; false when there is none. A rotation while opening is noticed and opening retried. */
        private boolean openLive() throws IOException {
            return openLive(null);
        }

        /**
         * Opens the live file, unless the rotated files are no longer {@code expected} (a rotation happened since the
         * caller looked: its files come first); false then, or when there is no live file.
         */
        private boolean openLive(Set<String> expected) throws IOException {
            while (true) {
                Set<String> before = Set.copyOf(rotatedNames(live));
                if (expected != null && !expected.equals(before)) {
                    return false;
                }
                LogFileCursor opened;
                try {
                    opened = new LogFileCursor(live);
                } catch (NoSuchFileException e) {
                    return false;
                }
                if (before.equals(Set.copyOf(rotatedNames(live)))) {
                    cursor = opened;
                    name = null;
                    rotatedBefore = before;
                    return true;
                }
                opened.close();
            }
        }

        /** Opens the rotated file of that name, compressed or not; false when it is gone. */
        private boolean openRotated(String rotated) throws IOException {
            Path plain = live.resolveSibling(rotated);
            Path compressed = live.resolveSibling(rotated + RotatedLogNames.COMPRESSED);
            LogFileCursor opened;
            try {
                opened = new LogFileCursor(plain);
            } catch (NoSuchFileException notPlain) {
                try {
                    opened = LogFileCursor.compressed(compressed);
                } catch (NoSuchFileException notCompressed) {
                    return false;
                }
            }
            cursor = opened;
            name = rotated;
            return true;
        }

        /**
         * Goes on with the file after the one read (read to its end); false when it cannot be opened now (the next
         * poll tries again).
         */
        boolean moveToSuccessor() throws IOException {
            List<String> rotated = rotatedNames(live);
            String current = name != null ? name
                : rotated.stream().filter(candidate -> !rotatedBefore.contains(candidate)).findFirst().orElse(null);
            LogFileCursor previous = cursor;
            if (cursor.pendingBytes() > 0) {
                log.debug("Log {} ended with {} bytes of an unfinished line", cursor.file(), cursor.pendingBytes());
            }
            boolean moved = false;
            if (current != null) {
                for (String candidate : rotated) {
                    if (candidate.compareTo(current) > 0 && openRotated(candidate)) {
                        moved = true;
                        break;
                    }
                }
            }
            if (!moved) {
                // The newest rotated file was read (or the rotation removed those after it): the live file is next.
                moved = openLive(Set.copyOf(rotated));
            }
            if (moved) {
                previous.close();
            }
            return moved;
        }

        void close() throws IOException {
            cursor.close();
        }

        /** The rotated names (without {@code .gz}) of the live file's log, oldest first. */
        private static List<String> rotatedNames(Path live) throws IOException {
            try (Stream<Path> entries = Files.list(live.getParent())) {
                return RotatedLogNames.chain(live.getFileName().toString(),
                    entries.map(path -> path.getFileName().toString()).toList());
            } catch (NoSuchFileException e) {
                return List.of();
            }
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
