package dev.keel.api.node;

import dev.keel.api.status.Statuses;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code pods/exec}: sends the client's upgrade request (SPDY/3.1 or WebSocket, with its
 * {@code X-Stream-Protocol-Version}/{@code Sec-WebSocket-*} headers) to the pod's node agent, and when the agent
 * answers 101 answers the client the same and joins the two connections ({@link UpgradeTunnel}), as kube-apiserver
 * proxies upgrades to the kubelet. Any other answer goes back to the client as a Status with the agent's code, so
 * a client whose first choice of protocol is refused can fall back to another (kubectl 1.30+ WebSocket to SPDY).
 */
public class PodExecProxy {

    private static final Logger log = LoggerFactory.getLogger(PodExecProxy.class);

    /** Request headers that carry the upgrade and its protocol negotiation. */
    private static final List<String> UPGRADE_HEADERS = List.of("Connection", "Upgrade", "X-Stream-Protocol-Version",
        "Sec-WebSocket-Key", "Sec-WebSocket-Version", "Sec-WebSocket-Protocol", "Sec-WebSocket-Extensions", "Origin");

    private static final int MAX_HEAD_BYTES = 64 * 1024;

    private final NodeLocator locator;
    private final SSLContext tls;
    private final Duration connectTimeout;

    public PodExecProxy(NodeLocator locator, SSLContext tls, Duration connectTimeout) {
        this.locator = locator;
        this.tls = tls;
        this.connectTimeout = connectTimeout;
    }

    private record Head(int code, Map<String, List<String>> headers) {
    }

    public void proxy(String namespace, String pod, HttpServletRequest request, HttpServletResponse response)
        throws IOException {
        String upgrade = request.getHeader("Upgrade");
        if (upgrade == null || upgrade.isEmpty()) {
            throw Statuses.badRequest("Upgrade request required");
        }
        NodeTarget target = locator.forPod(namespace, pod);
        String container = NodeLocator.container(target, request.getParameter("container"));
        String phase = target.pod().path("status").path("phase").asText("");
        if (phase.equals("Succeeded") || phase.equals("Failed")) {
            throw Statuses.badRequest("cannot exec into a container in a completed pod; current phase is " + phase);
        }
        String description = namespace + "/" + pod + "/" + container;
        SSLSocket agent = connect(target);
        boolean joined = false;
        try {
            OutputStream toAgent = agent.getOutputStream();
            toAgent.write(requestHead(request, target, namespace, pod, container).getBytes(StandardCharsets.UTF_8));
            toAgent.flush();
            InputStream fromAgent = agent.getInputStream();
            Head head = readHead(fromAgent);
            if (head.code() != 101) {
                byte[] body = fromAgent.readNBytes(contentLength(head));
                log.info("Exec {}: node {} refused the {} upgrade with {}", description, target.node(), upgrade,
                    head.code());
                throw NodeErrors.fromAgent(head.code(), new String(body, StandardCharsets.UTF_8), target.node());
            }
            response.setStatus(101);
            head.headers().forEach((name, values) -> {
                if (!name.equalsIgnoreCase("content-length") && !name.equalsIgnoreCase("date")) {
                    values.forEach(value -> response.addHeader(name, value));
                }
            });
            UpgradeTunnel tunnel;
            try {
                tunnel = request.upgrade(UpgradeTunnel.class);
            } catch (ServletException e) {
                throw Statuses.internal("cannot upgrade the connection for exec in " + description, e);
            }
            tunnel.join(agent, description);
            joined = true;
            log.info("Exec {}: {} stream joined to node {}", description, upgrade, target.node());
        } finally {
            if (!joined) {
                agent.close();
            }
        }
    }

    private SSLSocket connect(NodeTarget target) {
        Socket plain = new Socket();
        try {
            plain.connect(new InetSocketAddress(target.host(), target.port()), (int) connectTimeout.toMillis());
            SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(plain, target.host(), target.port(), true);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            return socket;
        } catch (IOException e) {
            try {
                plain.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            throw Statuses.unavailable("cannot reach the agent of node " + target.node() + " at " + target.baseUrl()
                + ": " + e.getMessage(), e);
        }
    }

    private static String requestHead(HttpServletRequest request, NodeTarget target, String namespace, String pod,
        String container) {
        StringBuilder head = new StringBuilder();
        String query = request.getQueryString() == null ? "" : "?" + request.getQueryString();
        head.append(request.getMethod()).append(" /exec/").append(namespace).append('/').append(pod).append('/')
            .append(container).append(query).append(" HTTP/1.1\r\n");
        head.append("Host: ").append(target.host()).append(':').append(target.port()).append("\r\n");
        for (String name : UPGRADE_HEADERS) {
            for (String value : Collections.list(request.getHeaders(name))) {
                head.append(name).append(": ").append(value).append("\r\n");
            }
        }
        head.append("Content-Length: 0\r\n\r\n");
        return head.toString();
    }

    /** Reads the status line and headers, byte by byte so nothing of the stream after them is consumed. */
    private static Head readHead(InputStream in) throws IOException {
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
        return new Head(Integer.parseInt(status[1]), headers);
    }

    private static int contentLength(Head head) {
        return head.headers().entrySet().stream()
            .filter(entry -> entry.getKey().toLowerCase(Locale.ROOT).equals("content-length"))
            .map(entry -> Integer.parseInt(entry.getValue().get(0))).findFirst().map(length -> Math.min(length, 65536))
            .orElse(0);
    }
}
