package dev.keel.api.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A watch opened with the JDK's WebSocket client, as a raw client would: every text message must be one whole
 * watch event. A refused handshake keeps the HTTP status the server answered.
 */
public final class WebSocketWatch implements WatchEventSource, WebSocket.Listener, AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final AtomicInteger binaryMessages = new AtomicInteger();
    private final StringBuilder text = new StringBuilder();
    private WebSocket socket;
    private int handshakeStatus;

    private WebSocketWatch() {
    }

    /** Opens {@code uri}; {@code headers} are name/value pairs, {@code subprotocols} may be empty. */
    public static WebSocketWatch open(HttpClient http, URI uri, String[] headers, String... subprotocols) {
        WebSocketWatch watch = new WebSocketWatch();
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        if (subprotocols.length > 0) {
            builder.subprotocols(subprotocols[0], Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
        }
        try {
            watch.socket = builder.buildAsync(uri, watch).get(10, TimeUnit.SECONDS);
            watch.handshakeStatus = 101;
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof WebSocketHandshakeException refused)) {
                throw new IllegalStateException("WebSocket to " + uri + " failed", e.getCause());
            }
            watch.handshakeStatus = refused.getResponse().statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("no handshake answer from " + uri, e);
        }
        return watch;
    }

    /** 101 when the connection was upgraded, else the status of the refusal. */
    public int handshakeStatus() {
        return handshakeStatus;
    }

    /** The subprotocol the server chose, empty for none. */
    public String subprotocol() {
        return socket.getSubprotocol();
    }

    @Override
    public JsonNode next(Duration timeout) throws InterruptedException {
        return events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The close code the server sent, or null if it did not close within {@code timeout}. */
    public Integer closeCode(Duration timeout) throws InterruptedException {
        try {
            return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (ExecutionException e) {
            throw new IllegalStateException("the WebSocket failed", e.getCause());
        }
    }

    public int binaryMessages() {
        return binaryMessages.get();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            try {
                events.add(JSON.readTree(text.toString()));
            } catch (IOException e) {
                throw new UncheckedIOException("a message that is not one JSON event: " + text, e);
            } finally {
                text.setLength(0);
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        binaryMessages.incrementAndGet();
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
    }

    /** Closes from the client side, as a client that stops watching does. */
    @Override
    public void close() {
        if (socket != null && !socket.isOutputClosed()) {
            try {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
            } catch (CompletionException e) {
                socket.abort();
            }
        }
    }
}
