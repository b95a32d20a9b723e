package dev.keel.api.node;

import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.WebConnection;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An upgraded client connection joined byte for byte to a node agent's connection that answered the same upgrade:
 * the stream protocol (SPDY/3.1 or WebSocket) runs end to end between the client and the node's streaming server.
 * Tomcat creates it; {@link #join} hands it the agent's socket before Tomcat calls {@link #init}.
 */
public class UpgradeTunnel implements HttpUpgradeHandler {

    private static final Logger log = LoggerFactory.getLogger(UpgradeTunnel.class);

    private Socket agent;
    private String target;

    void join(Socket agentSocket, String description) {
        this.agent = agentSocket;
        this.target = description;
    }

    @Override
    public void init(WebConnection connection) {
        Thread toAgent = new Thread(() -> {
            try {
                copy(connection.getInputStream(), agent.getOutputStream());
            } catch (IOException e) {
                log.debug("Stream {}: client side ended: {}", target, e.toString());
            } finally {
                closeBoth(connection);
            }
        }, "stream-in-" + target);
        Thread toClient = new Thread(() -> {
            try {
                copy(agent.getInputStream(), connection.getOutputStream());
            } catch (IOException e) {
                log.debug("Stream {}: node side ended: {}", target, e.toString());
            } finally {
                closeBoth(connection);
            }
        }, "stream-out-" + target);
        toAgent.setDaemon(true);
        toClient.setDaemon(true);
        toAgent.start();
        toClient.start();
    }

    @Override
    public void destroy() {
        close(agent);
    }

    private static void copy(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[16 * 1024];
        int read;
        while ((read = in.read(buffer)) >= 0) {
            out.write(buffer, 0, read);
            out.flush();
        }
    }

    private void closeBoth(WebConnection connection) {
        close(agent);
        try {
            connection.close();
        } catch (Exception e) {
            log.debug("Stream {}: closing the client connection: {}", target, e.toString());
        }
    }

    private static void close(Socket socket) {
        try {
            if (socket != null) {
                socket.close();
            }
        } catch (IOException e) {
            // Already closed by the other direction: nothing left to release.
        }
    }
}
