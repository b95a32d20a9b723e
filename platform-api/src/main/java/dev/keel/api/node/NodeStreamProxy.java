package dev.keel.api.node;

import dev.keel.api.status.Statuses;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Extension;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Proxies a streaming request (exec, attach, port-forward) to the pod's node agent as kube-apiserver proxies it to
 * the kubelet: the agent is asked first, and only when it answers 101 is the client's connection upgraded; any other
 * answer goes back as a Status with the agent's code, so a client whose first choice of protocol is refused falls
 * back to another (kubectl 1.30+: WebSocket, then SPDY).
 * <ul>
 *   <li>{@link #relay}: the client's upgrade (SPDY/3.1 or WebSocket, with its negotiation headers) goes to the agent
 *   as it is, and the two connections are joined byte for byte ({@link UpgradeTunnel}).</li>
 *   <li>{@link #tunnel}: a WebSocket whose subprotocols are {@code SPDY/3.1+<protocol>} (kubectl's port-forward since
 *   1.30) is asked of the agent as a SPDY/3.1 upgrade for {@code <protocol>}; the client's WebSocket then carries the
 *   SPDY bytes in binary messages ({@link SpdyWebSocketTunnel}).</li>
 * </ul>
 */
public class NodeStreamProxy {

    private static final Logger log = LoggerFactory.getLogger(NodeStreamProxy.class);

    /** Request headers that carry the upgrade and its protocol negotiation. */
    private static final List<String> UPGRADE_HEADERS = List.of("Connection", "Upgrade", "X-Stream-Protocol-Version",
        "Sec-WebSocket-Key", "Sec-WebSocket-Version", "Sec-WebSocket-Protocol", "Sec-WebSocket-Extensions", "Origin");

    /** The prefix of WebSocket subprotocols that tunnel SPDY (k8s.io/apimachinery's portforward constants). */
    static final String SPDY_TUNNEL_PREFIX = "SPDY/3.1+";

    private final SSLContext tls;
    private final Duration connectTimeout;
    private final Duration headTimeout;

    /** @param headTimeout how long an agent may take to answer an upgrade before the client gets a 504 */
    public NodeStreamProxy(SSLContext tls, Duration connectTimeout, Duration headTimeout) {
        this.tls = tls;
        this.connectTimeout = connectTimeout;
        this.headTimeout = headTimeout;
    }

    /** Whether the request asks for a WebSocket tunnelling SPDY ({@code SPDY/3.1+...k8s.io} subprotocols). */
    public static boolean tunnelRequested(HttpServletRequest request) {
        return "websocket".equalsIgnoreCase(request.getHeader("Upgrade")) && !tunnelledProtocols(request).isEmpty();
    }

    /** 400 unless the request asks for an upgrade, as kube-apiserver's proxy requires one for streaming routes. */
    public static void requireUpgrade(HttpServletRequest request) {
        String upgrade = request.getHeader("Upgrade");
        if (upgrade == null || upgrade.isEmpty()) {
            throw Statuses.badRequest("Upgrade request required");
        }
    }

    /** Sends the client's upgrade to {@code agentPath} (the client's query appended) and joins the connections. */
    public void relay(NodeTarget target, String agentPath, HttpServletRequest request, HttpServletResponse response,
        String description) throws IOException {
        relay(target, agentPath, query(request), request, response, description);
    }

    /** As {@link #relay(NodeTarget, String, HttpServletRequest, HttpServletResponse, String)}, with the agent's query
     * ({@code ?...} or empty) given instead of the client's. */
    public void relay(NodeTarget target, String agentPath, String agentQuery, HttpServletRequest request,
        HttpServletResponse response, String description) throws IOException {
        requireUpgrade(request);
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (String name : UPGRADE_HEADERS) {
            for (String value : Collections.list(request.getHeaders(name))) {
                headers.add(Map.entry(name, value));
            }
        }
        String upgrade = request.getHeader("Upgrade");
        try (AgentUpgrade agent = AgentUpgrade.send(tls, connectTimeout, headTimeout, target, request.getMethod(),
            agentPath + agentQuery, headers)) {
            if (agent.code() != 101) {
                String body = agent.errorBody();
                log.info("{}: node {} refused the {} upgrade with {}: {}", description, target.node(), upgrade,
                    agent.code(), body.strip());
                throw NodeErrors.fromAgent(agent.code(), body, target.node());
            }
            response.setStatus(101);
            agent.headers().forEach((name, values) -> {
                if (!name.equalsIgnoreCase("content-length") && !name.equalsIgnoreCase("date")) {
                    values.forEach(value -> response.addHeader(name, value));
                }
            });
            UpgradeTunnel tunnel;
            try {
                tunnel = request.upgrade(UpgradeTunnel.class);
            } catch (ServletException e) {
                throw Statuses.internal("cannot upgrade the connection for " + description, e);
            }
            tunnel.join(agent.detach(), description);
            log.info("{}: {} stream joined to node {}", description, upgrade, target.node());
        }
    }

    /**
     * Asks the agent for a SPDY/3.1 upgrade in the protocols the client's {@code SPDY/3.1+} subprotocols name, then
     * answers the client's WebSocket with the tunnelled form of the protocol the agent chose.
     */
    public void tunnel(NodeTarget target, String agentPath, HttpServletRequest request, HttpServletResponse response,
        String description) throws IOException {
        tunnel(target, agentPath, query(request), request, response, description);
    }

    /** As {@link #tunnel(NodeTarget, String, HttpServletRequest, HttpServletResponse, String)}, with the agent's query
     * ({@code ?...} or empty) given instead of the client's. */
    public void tunnel(NodeTarget target, String agentPath, String agentQuery, HttpServletRequest request,
        HttpServletResponse response, String description) throws IOException {
        List<String> protocols = tunnelledProtocols(request);
        if (protocols.isEmpty()) {
            throw Statuses.badRequest("unable to upgrade: no tunneling spdy protocols provided");
        }
        ServerContainer container = (ServerContainer) request.getServletContext()
            .getAttribute(ServerContainer.class.getName());
        if (container == null) {
            throw Statuses.unavailable("this server has no WebSocket support", null);
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        headers.add(Map.entry("Connection", "Upgrade"));
        headers.add(Map.entry("Upgrade", "SPDY/3.1"));
        protocols.forEach(protocol -> headers.add(Map.entry("X-Stream-Protocol-Version", protocol)));
        try (AgentUpgrade agent = AgentUpgrade.send(tls, connectTimeout, headTimeout, target, "POST",
            agentPath + agentQuery, headers)) {
            if (agent.code() != 101) {
                String body = agent.errorBody();
                log.info("{}: node {} refused the SPDY upgrade (tunnelled in a WebSocket) with {}: {}", description,
                    target.node(), agent.code(), body.strip());
                throw NodeErrors.fromAgent(agent.code(), body, target.node());
            }
            String chosen = agent.header("X-Stream-Protocol-Version");
            String upgraded = agent.header("Upgrade");
            if (upgraded == null || !upgraded.toLowerCase(Locale.ROOT).contains("spdy/3.1")) {
                throw Statuses.internal("unable to upgrade: missing upgrade headers in the node agent's response",
                    null);
            }
            String subprotocol = chosen == null || chosen.isBlank() ? "" : SPDY_TUNNEL_PREFIX + chosen.strip();
            SSLSocket socket = agent.detach();
            ServerEndpointConfig config = ServerEndpointConfig.Builder.create(SpdyWebSocketTunnel.class,
                    request.getRequestURI())
                .configurator(new TunnelEndpoint(new SpdyWebSocketTunnel(socket, description), subprotocol)).build();
            try {
                container.upgradeHttpToWebSocket(request, response, config, Map.of());
            } catch (DeploymentException | IOException | RuntimeException e) {
                socket.close();
                throw Statuses.internal("cannot upgrade the connection for " + description + " to a WebSocket: "
                    + e.getMessage(), e);
            }
            log.info("{}: WebSocket ({}) tunnel joined to node {}", description, subprotocol, target.node());
        }
    }

    private static String query(HttpServletRequest request) {
        return request.getQueryString() == null ? "" : "?" + request.getQueryString();
    }

    /** The SPDY protocols of the {@code SPDY/3.1+<name>.k8s.io} WebSocket subprotocols, prefix removed, in order. */
    static List<String> tunnelledProtocols(HttpServletRequest request) {
        List<String> protocols = new ArrayList<>();
        for (String value : Collections.list(request.getHeaders("Sec-WebSocket-Protocol"))) {
            for (String token : value.split(",")) {
                String protocol = token.strip();
                if (protocol.startsWith(SPDY_TUNNEL_PREFIX) && protocol.endsWith(".k8s.io")) {
                    protocols.add(protocol.substring(SPDY_TUNNEL_PREFIX.length()));
                }
            }
        }
        return protocols;
    }

    /** Hands the container the endpoint made for this request, with the subprotocol decided from the agent. */
    private static final class TunnelEndpoint extends ServerEndpointConfig.Configurator {

        private final SpdyWebSocketTunnel endpoint;
        private final String subprotocol;

        TunnelEndpoint(SpdyWebSocketTunnel endpoint, String subprotocol) {
            this.endpoint = endpoint;
            this.subprotocol = subprotocol;
        }

        @Override
        public <T> T getEndpointInstance(Class<T> endpointClass) {
            return endpointClass.cast(endpoint);
        }

        @Override
        public boolean checkOrigin(String originHeaderValue) {
            // The request was authenticated like any other; kube-apiserver's tunnel accepts every origin too.
            return true;
        }

        @Override
        public String getNegotiatedSubprotocol(List<String> supported, List<String> requested) {
            return requested.contains(subprotocol) ? subprotocol : "";
        }

        @Override
        public List<Extension> getNegotiatedExtensions(List<Extension> installed, List<Extension> requested) {
            return List.of();
        }
    }
}
