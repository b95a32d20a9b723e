package dev.keel.api.node;

import dev.keel.api.status.Statuses;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * One upgrade request sent to a node agent on a connection of its own (mutual TLS, the agent's address checked), and
 * the head of the agent's answer. After a 101 the socket carries the stream protocol; any other answer has its
 * (plain-text) body read. Closing releases the socket unless {@link #detach()} handed it on.
 */
final class AgentUpgrade implements Closeable {

    private static final int MAX_HEAD_BYTES = 64 * 1024;
    private static final int MAX_ERROR_BYTES = 64 * 1024;

    private final SSLSocket socket;
    private final int code;
    private final Map<String, List<String>> headers;
    private boolean detached;

    private AgentUpgrade(SSLSocket socket, int code, Map<String, List<String>> headers) {
        this.socket = socket;
        this.code = code;
        this.headers = headers;
    }

    /**
     * Connects to the target's agent and sends {@code method pathAndQuery} with {@code headers} (name, value pairs,
     * in order) and no body.
     *
     * @param headTimeout how long the TLS handshake and the agent's answer head may take; the stream after it has none
     * @throws dev.keel.api.status.ApiException 503 when the agent cannot be reached or answers no HTTP head, 504 when
     *     its head does not arrive in time
     */
    static AgentUpgrade send(SSLContext tls, Duration connectTimeout, Duration headTimeout, NodeTarget target,
        String method, String pathAndQuery, List<Map.Entry<String, String>> headers) {
        SSLSocket socket = connect(tls, connectTimeout, headTimeout, target);
        try {
            StringBuilder head = new StringBuilder();
            head.append(method).append(' ').append(pathAndQuery).append(" HTTP/1.1\r\n");
            head.append("Host: ").append(target.host()).append(':').append(target.port()).append("\r\n");
            for (Map.Entry<String, String> header : headers) {
                head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
            }
            head.append("Content-Length: 0\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            return readHead(socket);
        } catch (SocketTimeoutException e) {
            close(socket, e);
            throw Statuses.timeout("the agent of node " + target.node() + " at " + target.baseUrl()
                + " did not answer the upgrade within " + text(headTimeout), e);
        } catch (IOException e) {
            close(socket, e);
            throw Statuses.unavailable("the agent of node " + target.node() + " at " + target.baseUrl()
                + " did not answer the upgrade: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            close(socket, e);
            throw e;
        }
    }

    int code() {
        return code;
    }

    /** The answer's headers, names as the agent spelled them. */
    Map<String, List<String>> headers() {
        return headers;
    }

    /** The first value of a header, matched without case, or null. */
    String header(String name) {
        return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
            .map(entry -> entry.getValue().get(0)).findFirst().orElse(null);
    }

    /** The body of a non-101 answer (up to 64 KiB, as its Content-Length says). */
    String errorBody() throws IOException {
        String length = header("Content-Length");
        int bytes = length == null ? 0 : Math.min(Integer.parseInt(length.strip()), MAX_ERROR_BYTES);
        return new String(socket.getInputStream().readNBytes(bytes), StandardCharsets.UTF_8);
    }

    /**
     * The connection, now owned by the caller (closing this object no longer closes it), with no read timeout: the
     * stream may stay quiet for as long as the user wants.
     */
    SSLSocket detach() throws IOException {
        socket.setSoTimeout(0);
        detached = true;
        return socket;
    }

    @Override
    public void close() {
        if (!detached) {
            close(socket, null);
        }
    }

    private static SSLSocket connect(SSLContext tls, Duration connectTimeout, Duration headTimeout,
        NodeTarget target) {
        Socket plain = new Socket();
        try {
            plain.connect(new InetSocketAddress(target.host(), target.port()), (int) connectTimeout.toMillis());
            // Until the agent's head arrived, a silent agent fails the request instead of holding it forever.
            plain.setSoTimeout((int) Math.max(1, headTimeout.toMillis()));
            SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(plain, target.host(), target.port(), true);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            return socket;
        } catch (SocketTimeoutException e) {
            close(plain, e);
            throw Statuses.timeout("the agent of node " + target.node() + " at " + target.baseUrl()
                + " did not complete the TLS handshake within " + text(headTimeout), e);
        } catch (IOException e) {
            close(plain, e);
            throw Statuses.unavailable("cannot reach the agent of node " + target.node() + " at " + target.baseUrl()
                + ": " + e.getMessage(), e);
        }
    }

    /** Reads the status line and headers byte by byte, so nothing of the stream after them is consumed. */
    private static AgentUpgrade readHead(SSLSocket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] last = new byte[4];
        while (!(last[0] == '\r' && last[1] == '\n' && last[2] == '\r' && last[3] == '\n')) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("the node agent closed the connection before answering");
            }
            bytes.write(next);
            System.arraycopy(last, 1, last, 0, 3);
            last[3] = (byte) next;
            if (bytes.size() > MAX_HEAD_BYTES) {
                throw new IOException("the node agent's answer has no end of headers");
            }
        }
        String[] lines = bytes.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        String[] status = lines[0].split(" ", 3);
        if (status.length < 2 || !status[0].startsWith("HTTP/1.")) {
            throw new IOException("the node agent answered no HTTP status line: " + lines[0]);
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(lines[i].substring(0, colon).trim(), name -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).trim());
            }
        }
        try {
            return new AgentUpgrade(socket, Integer.parseInt(status[1]), headers);
        } catch (NumberFormatException e) {
            throw new IOException("the node agent answered a malformed status line: " + lines[0], e);
        }
    }

    /** 30s, or 500ms below whole seconds. */
    private static String text(Duration timeout) {
        long millis = timeout.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    private static void close(Socket socket, Exception failure) {
        try {
            socket.close();
        } catch (IOException closing) {
            if (failure != null) {
                failure.addSuppressed(closing);
            }
        }
    }
}
