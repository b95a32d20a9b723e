package dev.keel.api.node;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side of a SPDY-over-WebSocket tunnel (kubectl 1.30+'s port-forward, subprotocol
 * {@code SPDY/3.1+portforward.k8s.io}) joined to a node agent's connection that already switched to SPDY/3.1: each
 * binary message from the client is SPDY bytes for the agent, and what the agent sends goes back as binary messages.
 * SPDY itself runs end to end between kubectl and the runtime's streaming server, as kube-apiserver's tunneling
 * handler does it. Either side closing closes the other.
 */
final class SpdyWebSocketTunnel extends Endpoint {

    private static final Logger log = LoggerFactory.getLogger(SpdyWebSocketTunnel.class);

    private final Socket agent;
    private final String description;
    private final AtomicBoolean closed = new AtomicBoolean();

    SpdyWebSocketTunnel(Socket agent, String description) {
        this.agent = agent;
        this.description = description;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        OutputStream toAgent;
        try {
            toAgent = agent.getOutputStream();
        } catch (IOException e) {
            log.warn("Tunnel {}: the node agent's connection is gone: {}", description, e.toString());
            close(session);
            return;
        }
        session.addMessageHandler(ByteBuffer.class, (MessageHandler.Partial<ByteBuffer>) (bytes, last) -> {
            try {
                if (bytes.hasArray()) {
                    toAgent.write(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
                } else {
                    byte[] copy = new byte[bytes.remaining()];
                    bytes.get(copy);
                    toAgent.write(copy);
                }
                toAgent.flush();
            } catch (IOException e) {
                log.debug("Tunnel {}: writing to the node agent failed: {}", description, e.toString());
                close(session);
            }
        });
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> {
            // The tunnel carries binary messages only, as client-go's TunnelingConnection refuses any other type.
            log.debug("Tunnel {}: the client sent a text message; closing", description);
            close(session);
        });
        Thread fromAgent = new Thread(() -> copyToClient(session), "portforward-tunnel-" + description);
        fromAgent.setDaemon(true);
        fromAgent.start();
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
        closeAgent();
    }

    @Override
    public void onError(Session session, Throwable failure) {
        log.debug("Tunnel {}: WebSocket failed: {}", description, failure.toString());
        closeAgent();
    }

    private void copyToClient(Session session) {
        byte[] buffer = new byte[16 * 1024];
        try {
            InputStream in = agent.getInputStream();
            int read;
            while ((read = in.read(buffer)) >= 0) {
                session.getBasicRemote().sendBinary(ByteBuffer.wrap(buffer, 0, read));
            }
            log.debug("Tunnel {}: the node agent ended the stream", description);
        } catch (IOException e) {
            log.debug("Tunnel {}: node side ended: {}", description, e.toString());
        } finally {
            close(session);
        }
    }

    private void close(Session session) {
        closeAgent();
        if (session.isOpen()) {
            try {
                session.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, ""));
            } catch (IOException e) {
                log.debug("Tunnel {}: closing the WebSocket failed: {}", description, e.toString());
            }
        }
    }

    private void closeAgent() {
        if (closed.compareAndSet(false, true)) {
            try {
                agent.close();
            } catch (IOException e) {
                log.debug("Tunnel {}: closing the node agent's connection failed: {}", description, e.toString());
            }
        }
    }
}
