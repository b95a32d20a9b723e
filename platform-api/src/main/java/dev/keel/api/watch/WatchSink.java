package dev.keel.api.watch;

import java.io.IOException;

/**
 * Where one watch's encoded events go: a chunked HTTP response or a WebSocket. Only the watch's writer sends and
 * flushes, one call at a time; {@link #close} may come from any thread, once.
 */
public interface WatchSink {

    /** Runs {@code action} when the client goes away or the connection fails (at once if it already has). */
    void onDisconnect(Runnable action);

    /** Sends one event; it may wait in a buffer until {@link #flush}. */
    void send(byte[] event) throws IOException;

    /** Pushes what was sent to the client. */
    void flush() throws IOException;

    /** Ends the response or the connection. */
    void close();
}
