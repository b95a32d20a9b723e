package dev.keel.bench;

import java.util.concurrent.CompletableFuture;

/**
 * Opens API watch streams and hands every line of every stream, with its arrival time, to a handler, without a
 * thread per stream. Over plain http that is {@link NioWatchClient} (selector threads that read, de-chunk and
 * split lines themselves); over https it is {@link HttpClientWatchClient} (the JDK HttpClient, which does TLS).
 */
interface WatchClient extends AutoCloseable {

    /** Receives each complete line ({@code bytes[from, to)}, without the newline) of a stream. */
    interface Lines {
        void line(byte[] bytes, int from, int to, long arrivalNanos);
    }

    /** One open watch. */
    interface Stream {

        /** Completes with the HTTP status once the response headers have arrived. */
        CompletableFuture<Integer> headers();

        /** Completes, with the reason, when the stream ends ("closed" after {@link #close()}). */
        CompletableFuture<String> ended();

        void close();
    }

    Stream open(String pathAndQuery, Lines lines);

    /** How this client reads, for the report. */
    String description();

    @Override
    void close();

    static WatchClient forEndpoint(ApiEndpoint endpoint, int threads, String name) throws java.io.IOException {
        return endpoint.https()
                ? new HttpClientWatchClient(endpoint, threads, name)
                : new NioWatchClient(endpoint, threads, name);
    }
}
