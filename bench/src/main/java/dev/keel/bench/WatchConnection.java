package dev.keel.bench;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * One API watch stream read without blocking a thread: the JDK HttpClient's selector reads the socket and hands
 * the de-chunked bytes to this subscriber on the client's executor; the subscriber cuts them into lines and
 * passes each line, as bytes and with the time its bytes reached the application, to a {@link Lines} handler.
 * No JSON is parsed here.
 */
final class WatchConnection implements Flow.Subscriber<List<ByteBuffer>>, WatchClient.Stream {

    private final WatchClient.Lines lines;
    private final CompletableFuture<Integer> headers = new CompletableFuture<>();
    private final CompletableFuture<String> ended = new CompletableFuture<>();
    private volatile Flow.Subscription subscription;
    private volatile boolean cancelled;
    private volatile int status;
    private byte[] buffer = new byte[8192];
    private int length;

    private WatchConnection(WatchClient.Lines lines) {
        this.lines = lines;
    }

    /** Starts a watch request; {@link #headers()} completes with the status once the response has begun. */
    static WatchConnection open(HttpClient http, ApiEndpoint endpoint, String pathAndQuery, WatchClient.Lines lines) {
        WatchConnection connection = new WatchConnection(lines);
        http.sendAsync(endpoint.request(pathAndQuery).GET().build(), info -> {
            connection.status = info.statusCode();
            connection.headers.complete(info.statusCode());
            return HttpResponse.BodySubscribers.fromSubscriber(connection);
        }).whenComplete((response, error) -> {
            connection.headers.completeExceptionally(error != null ? error : new IllegalStateException("no headers"));
            connection.ended.complete(connection.cancelled ? "closed"
                    : error == null ? "stream ended" : String.valueOf(error));
        });
        return connection;
    }

    @Override
    public CompletableFuture<Integer> headers() {
        return headers;
    }

    @Override
    public CompletableFuture<String> ended() {
        return ended;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (cancelled) {
            s.cancel();
        } else {
            s.request(Long.MAX_VALUE);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        long arrival = Nanos.now();
        for (ByteBuffer item : items) {
            int n = item.remaining();
            if (length + n > buffer.length) {
                byte[] bigger = new byte[Math.max(buffer.length * 2, length + n)];
                System.arraycopy(buffer, 0, bigger, 0, length);
                buffer = bigger;
            }
            item.get(buffer, length, n);
            int scanFrom = length;
            length += n;
            int lineStart = 0;
            for (int i = scanFrom; i < length; i++) {
                if (buffer[i] == '\n') {
                    if (status == 200) {
                        lines.line(buffer, lineStart, i, arrival);
                    } else {
                        ended.complete("HTTP " + status + ": " + new String(buffer, lineStart, i - lineStart,
                                StandardCharsets.UTF_8));
                    }
                    lineStart = i + 1;
                }
            }
            if (lineStart > 0) {
                System.arraycopy(buffer, lineStart, buffer, 0, length - lineStart);
                length -= lineStart;
            }
        }
    }

    @Override
    public void onError(Throwable error) {
        ended.complete(cancelled ? "closed" : String.valueOf(error));
    }

    @Override
    public void onComplete() {
        String rest = status == 200 ? "" : ": " + new String(buffer, 0, length, StandardCharsets.UTF_8);
        ended.complete(cancelled ? "closed" : "server ended the stream (HTTP " + status + rest + ")");
    }

    @Override
    public void close() {
        cancelled = true;
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }
}
