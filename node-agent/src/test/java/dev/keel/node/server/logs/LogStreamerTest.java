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
        LogSource source = new LogSource() {
            @Override
            public synchronized List<Path> files() {
                return List.copyOf(attempts);
            }

            @Override
            public boolean running() {
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
        Thread.sleep(100);
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
