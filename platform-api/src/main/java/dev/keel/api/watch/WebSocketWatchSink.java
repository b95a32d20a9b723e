package dev.keel.api.watch;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A watch over a WebSocket: each event is one text message (the events are JSON, and kube-apiserver frames text
 * encodings as text messages); what the client sends is read and ignored, and its close ends the watch.
 */
public final class WebSocketWatchSink extends Endpoint implements WatchSink {

    private static final Logger log = LoggerFactory.getLogger(WebSocketWatchSink.class);

    private final Consumer<WatchSink> onOpen;
    private final Object lock = new Object();
    private volatile Session session;
    private Runnable onDisconnect;
    private boolean disconnected;

    /** {@code onOpen} starts the watch once the connection is upgraded; it is never called if the handshake fails. */
    public WebSocketWatchSink(Consumer<WatchSink> onOpen) {
        this.onOpen = onOpen;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        this.session = session;
        // Reading keeps control frames (close, ping) flowing; the data itself means nothing to a watch.
        session.addMessageHandler(String.class, (MessageHandler.Partial<String>) (text, last) -> { });
        session.addMessageHandler(ByteBuffer.class, (MessageHandler.Partial<ByteBuffer>) (bytes, last) -> { });
        try {
            onOpen.accept(this);
        } catch (RuntimeException e) {
            log.warn("Could not start the WebSocket watch {}", session.getRequestURI(), e);
            closeWith(new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "the watch could not start"));
        }
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
        disconnected();
    }

    @Override
    public void onError(Session session, Throwable failure) {
        log.debug("WebSocket watch {} failed", session.getRequestURI(), failure);
        disconnected();
    }

    @Override
    public void onDisconnect(Runnable action) {
        boolean already;
        synchronized (lock) {
            onDisconnect = action;
            already = disconnected;
        }
        if (already) {
            action.run();
        }
    }

    @Override
    public void send(byte[] event) throws IOException {
        session.getBasicRemote().sendText(new String(event, StandardCharsets.UTF_8));
    }

    @Override
    public void flush() {
        // Every event went out as a whole message.
    }

    @Override
    public void close() {
        closeWith(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, ""));
    }

    private void closeWith(CloseReason reason) {
        Session open = session;
        if (open == null || !open.isOpen()) {
            return;
        }
        try {
            open.close(reason);
        } catch (IOException e) {
            log.debug("Closing WebSocket watch {} failed", open.getRequestURI(), e);
        }
    }

    private void disconnected() {
        Runnable action;
        synchronized (lock) {
            if (disconnected) {
                return;
            }
            disconnected = true;
            action = onDisconnect;
        }
        if (action != null) {
            action.run();
        }
    }
}
