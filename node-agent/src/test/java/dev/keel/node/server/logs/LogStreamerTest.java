package dev.keel.node.server.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The log stream over real files in the CRI format, as containerd writes them. */
class LogStreamerTest {

    private static final Instant T0 = Instant.parse("2026-11-24T20:00:00Z");

    @TempDir
    Path dir;

    private final LogStreamer streamer = new LogStreamer(Duration.ofMillis(20));

    @Test
    void wholeLogJoinsPartialLines() throws Exception {
        write(file(0), line(0, "stdout", "F", "one"), line(1, "stderr", "P", "tw"), line(2, "stderr", "F", "o"));
        assertThat(stream(files(0), options(Map.of()))).isEqualTo("one\ntwo\n");
    }

    @Test
    void tailKeepsTheLastLines() throws Exception {
        write(file(0), line(0, "stdout", "F", "a"), line(1, "stdout", "F", "b"), line(2, "stdout", "F", "c"));
        assertThat(stream(files(0), options(Map.of("tailLines", "2")))).isEqualTo("b\nc\n");
        assertThat(stream(files(0), options(Map.of("tailLines", "0")))).isEmpty();
        assertThat(stream(files(0), options(Map.of("tailLines", "10")))).isEqualTo("a\nb\nc\n");
    }

    @Test
    void timestampsSinceAndLimitBytes() throws Exception {
        write(file(0), line(0, "stdout", "F", "old"), line(60, "stdout", "F", "new"), line(61, "stdout", "F", "newer"));
        assertThat(stream(files(0), options(Map.of("timestamps", "true", "tailLines", "1"))))
            .isEqualTo("2026-11-24T20:01:01Z newer\n");
        LogOptions since = LogOptions.from(Map.of("sinceSeconds", List.of("30")), T0.plusSeconds(61));
        assertThat(stream(files(0), since)).isEqualTo("new\nnewer\n");
        assertThat(stream(files(0), options(Map.of("limitBytes", "6")))).isEqualTo("old\nne");
    }

    @Test
    void previousReadsTheAttemptBeforeTheCurrentOne() throws Exception {
        write(file(0), line(0, "stdout", "F", "first run"));
        write(file(1), line(5, "stdout", "F", "second run"));
        assertThat(stream(files(0, 1), options(Map.of("previous", "true")))).isEqualTo("first run\n");
        assertThat(stream(files(0, 1), options(Map.of()))).isEqualTo("second run\n");
        assertThatThrownBy(() -> stream(files(1), options(Map.of("previous", "true"))))
            .isInstanceOf(LogStreamer.NoLogException.class);
    }

    @Test
    void followSeesAppendedLinesOnlyWhenCompleteThenTheNextAttemptAndEndsWhenNothingRuns() throws Exception {
        write(file(0), line(0, "stdout", "F", "a"), line(1, "stdout", "F", "b"));
        List<Path> attempts = new ArrayList<>(List.of(file(0)));
        AtomicBoolean running = new AtomicBoolean(true);
        // The follower asks running() once per idle poll, after reading: the sync point of the "nothing yet" check.
        AtomicInteger polls = new AtomicInteger();
        LogSource source = new LogSource() {
            @Override
            public synchronized List<Path> files() {
                return List.copyOf(attempts);
            }

            @Override
            public boolean running() {
                polls.incrementAndGet();
                return running.get();
            }
        };
        CollectingSink sink = new CollectingSink();
        CompletableFuture<Void> follow = CompletableFuture.runAsync(() -> {
            try {
                streamer.stream(source, options(Map.of("follow", "true", "tailLines", "1")), sink);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await(sink, "b\n");
        // Half a line is held back until its newline arrives.
        append(file(0), line(2, "stdout", "F", "c").substring(0, 10));
        // The second poll counted from here started its read after the append: the half line was read and held.
        int before = polls.get();
        while (polls.get() < before + 2 && !follow.isDone()) {
            Thread.sleep(5);
        }
        assertThat(sink.text()).isEqualTo("b\n");
        append(file(0), line(2, "stdout", "F", "c").substring(10) + "\n");
        await(sink, "b\nc\n");
        // The container restarts: the old file's tail, then the new file from its start.
        append(file(0), line(3, "stdout", "F", "last words") + "\n");
        write(file(1), line(4, "stdout", "F", "reborn"));
        synchronized (source) {
            attempts.add(file(1));
        }
        await(sink, "b\nc\nlast words\nreborn\n");
        running.set(false);
        follow.get(5, TimeUnit.SECONDS);
        assertThat(sink.text()).isEqualTo("b\nc\nlast words\nreborn\n");
    }

    @Test
    void followEndsWhenTheClientGoesAway() throws Exception {
        write(file(0), line(0, "stdout", "F", "a"));
        LogSink closed = new LogSink() {
            @Override
            public void write(byte[] bytes) {
            }

            @Override
            public void flush() throws IOException {
                throw new IOException("gone");
            }
        };
        assertThatThrownBy(() -> streamer.stream(fixed(files(0), true), options(Map.of("follow", "true")), closed))
            .isInstanceOf(IOException.class);
    }

    @Test
    void followSeesEveryLineOnceAcrossManyRotations() throws Exception {
        int lines = 20_000;
        RotatingWriter writer = new RotatingWriter(file(0));
        AtomicBoolean running = new AtomicBoolean(true);
        CollectingSink sink = new CollectingSink();
        CompletableFuture<Void> follow = CompletableFuture.runAsync(() -> {
            try {
                streamer.stream(dynamic(List.of(file(0)), running), options(Map.of("follow", "true")), sink);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        // Rotates as the kubelet does while the follower reads: rename, reopen, compress all but the newest rotated;
        // a rotation every 1000 lines, so the count does not depend on timing.
        int rotations = 0;
        for (int i = 0; i < lines; i++) {
            writer.line(line(0, "stdout", "F", "line " + i));
            if (i % 100 == 0) {
                Thread.sleep(5);
            }
            if (i % 1000 == 999) {
                writer.rotate(String.format("%06d", rotations++));
            }
        }
        writer.close();
        await(sink, lines);
        running.set(false);
        follow.get(10, TimeUnit.SECONDS);
        List<String> seen = sink.text().lines().toList();
        assertThat(rotations).isEqualTo(lines / 1000);
        int firstWrong = 0;
        while (firstWrong < seen.size() && seen.get(firstWrong).equals("line " + firstWrong)) {
            firstWrong++;
        }
        assertThat(firstWrong).as("first line out of sequence: %s",
            firstWrong < seen.size() ? seen.get(firstWrong) : "none").isEqualTo(seen.size());
        assertThat(seen).as("lines seen").hasSize(lines);
    }

    @Test
    void aFollowerSeveralRotationsBehindReadsTheCompressedFilesToo() throws Exception {
        RotatingWriter writer = new RotatingWriter(file(0));
        for (int i = 0; i < 100; i++) {
            writer.line(line(0, "stdout", "F", "line " + i));
        }
        // A client that does not read: the follower stops in its first write until the client reads again.
        java.util.concurrent.CountDownLatch reading = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch blocked = new java.util.concurrent.CountDownLatch(1);
        CollectingSink collected = new CollectingSink();
        LogSink slow = new LogSink() {
            @Override
            public void write(byte[] bytes) throws IOException {
                blocked.countDown();
                try {
                    reading.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                collected.write(bytes);
            }

            @Override
            public void flush() {
            }
        };
        AtomicBoolean running = new AtomicBoolean(true);
        CompletableFuture<Void> follow = CompletableFuture.runAsync(() -> {
            try {
                streamer.stream(dynamic(List.of(file(0)), running), options(Map.of("follow", "true")), slow);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue();
        // Five rotations while the follower waits: all but the newest rotated file are compressed.
        int next = 100;
        for (int rotation = 0; rotation < 5; rotation++) {
            writer.rotate(String.format("%06d", rotation));
            for (int i = 0; i < 100; i++) {
                writer.line(line(0, "stdout", "F", "line " + next++));
            }
        }
        writer.close();
        try (var names = Files.list(dir)) {
            assertThat(names.filter(path -> path.toString().endsWith(".gz")).count()).isEqualTo(4);
        }
        reading.countDown();
        await(collected, next);
        running.set(false);
        follow.get(10, TimeUnit.SECONDS);
        List<String> seen = collected.text().lines().toList();
        assertThat(seen).hasSize(next);
        for (int i = 0; i < next; i++) {
            assertThat(seen.get(i)).isEqualTo("line " + i);
        }
    }

    @Test
    void readsWithoutFollowUseTheLiveFileOnlyAsTheKubelet() throws Exception {
        write(dir.resolve("0.log.20261207-170000"), line(0, "stdout", "F", "rotated"));
        write(file(0), line(1, "stdout", "F", "a"), line(2, "stdout", "F", "b"));
        assertThat(stream(files(0), options(Map.of()))).isEqualTo("a\nb\n");
        assertThat(stream(files(0), options(Map.of("tailLines", "5", "timestamps", "true"))))
            .isEqualTo("2026-11-24T20:00:01Z a\n2026-11-24T20:00:02Z b\n");
        assertThat(stream(files(0), options(Map.of("limitBytes", "3")))).isEqualTo("a\nb");
    }

    @Test
    void betweenRenameAndReopenTheNewestRotatedFileIsRead() throws Exception {
        write(dir.resolve("0.log.20261207-170000"), line(0, "stdout", "F", "older"));
        write(dir.resolve("0.log.20261207-170010"), line(1, "stdout", "F", "newest"));
        assertThat(stream(files(0), options(Map.of()))).isEqualTo("newest\n");
    }

    @Test
    void aLiveFileGoneWithNothingRotatedIsAClearError() throws Exception {
        assertThatThrownBy(() -> stream(files(0), options(Map.of("follow", "true"))))
            .isInstanceOf(LogStreamer.NoLogException.class)
            .hasMessageContaining("failed to open log file").hasMessageContaining("0.log")
            .satisfies(e -> assertThat(((LogStreamer.NoLogException) e).reason())
                .isEqualTo(LogStreamer.NoLogException.Reason.FILE_MISSING));
    }

    @Test
    void noAttemptAndNoPreviousAreTheirOwnReasons() throws Exception {
        write(file(0), line(0, "stdout", "F", "only run"));
        assertThatThrownBy(() -> stream(List.of(), options(Map.of())))
            .isInstanceOf(LogStreamer.NoLogException.class)
            .satisfies(e -> assertThat(((LogStreamer.NoLogException) e).reason())
                .isEqualTo(LogStreamer.NoLogException.Reason.NEVER_STARTED));
        assertThatThrownBy(() -> stream(files(0), options(Map.of("previous", "true"))))
            .satisfies(e -> assertThat(((LogStreamer.NoLogException) e).reason())
                .isEqualTo(LogStreamer.NoLogException.Reason.NO_PREVIOUS));
    }

    private static LogSource dynamic(List<Path> files, AtomicBoolean running) {
        return new LogSource() {
            @Override
            public List<Path> files() {
                return files;
            }

            @Override
            public boolean running() {
                return running.get();
            }
        };
    }

    /**
     * Writes a container's log as containerd does: one open file, replaced on ReopenContainerLog by a new one at the
     * same path after the old one was renamed away.
     */
    private static final class RotatingWriter {

        private final Path live;
        private java.io.OutputStream out;

        RotatingWriter(Path live) throws IOException {
            this.live = live;
            this.out = Files.newOutputStream(live, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }

        synchronized void line(String line) throws IOException {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        }

        /** Compresses the rotated files as the kubelet does (a new .gz file), renames the live file, reopens. */
        void rotate(String stamp) throws IOException {
            List<Path> rotated;
            try (var entries = Files.list(live.getParent())) {
                rotated = entries.filter(path -> path.getFileName().toString().startsWith(live.getFileName() + "."))
                    .sorted().toList();
            }
            for (Path old : rotated) {
                if (!old.toString().endsWith(".gz")) {
                    Path temporary = Path.of(old + ".tmp");
                    try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(temporary))) {
                        Files.copy(old, out);
                    }
                    Files.move(temporary, Path.of(old + ".gz"));
                    Files.delete(old);
                }
            }
            Files.move(live, live.resolveSibling(live.getFileName() + "." + stamp));
            java.io.OutputStream fresh = Files.newOutputStream(live, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
            java.io.OutputStream old;
            synchronized (this) {
                old = out;
                out = fresh;
            }
            old.close();
        }

        synchronized void close() throws IOException {
            out.close();
        }
    }

    private static void await(CollectingSink sink, int lines) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (sink.text().lines().count() < lines && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private String stream(List<Path> files, LogOptions options) throws Exception {
        CollectingSink sink = new CollectingSink();
        streamer.stream(fixed(files, false), options, sink);
        return sink.text();
    }

    private static LogSource fixed(List<Path> files, boolean running) {
        return new LogSource() {
            @Override
            public List<Path> files() {
                return files;
            }

            @Override
            public boolean running() {
                return running;
            }
        };
    }

    private static LogOptions options(Map<String, String> query) {
        Map<String, List<String>> parameters = new java.util.HashMap<>();
        query.forEach((key, value) -> parameters.put(key, List.of(value)));
        return LogOptions.from(parameters, T0.plusSeconds(3600));
    }

    private Path file(int attempt) {
        return dir.resolve(attempt + ".log");
    }

    private List<Path> files(int... attempts) {
        return java.util.Arrays.stream(attempts).mapToObj(this::file).toList();
    }

    private static String line(int second, String stream, String tag, String text) {
        return T0.plusSeconds(second) + " " + stream + " " + tag + " " + text;
    }

    private static void write(Path file, String... lines) throws IOException {
        Files.writeString(file, String.join("\n", lines) + "\n");
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardOpenOption.APPEND);
    }

    private static void await(CollectingSink sink, String expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!sink.text().equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(sink.text()).isEqualTo(expected);
    }

    private static final class CollectingSink implements LogSink {

        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public synchronized void write(byte[] chunk) {
            bytes.writeBytes(chunk);
        }

        @Override
        public void flush() {
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
