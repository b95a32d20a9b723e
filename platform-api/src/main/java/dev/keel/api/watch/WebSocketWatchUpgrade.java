package dev.keel.api.watch;

import dev.keel.api.resource.ResourceType;
import dev.keel.api.status.Statuses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Extension;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Serves a watch request that asks for a WebSocket ({@code Upgrade: websocket}) over one, after it was authenticated
 * and parsed like any other watch. The handshake keeps kube-apiserver's rules: an Origin header is required (403
 * without one), a single offered subprotocol is echoed back and changes nothing in the events, more than one is
 * refused (400).
 */
public final class WebSocketWatchUpgrade {

    private WebSocketWatchUpgrade() {
    }

    /** {@code Upgrade: websocket} with {@code upgrade} among the Connection tokens, as kube-apiserver tests it. */
    public static boolean requested(HttpServletRequest request) {
        return "websocket".equalsIgnoreCase(request.getHeader("Upgrade")) && hasToken(request, "Connection", "upgrade");
    }

    /**
     * Refuses a handshake kube-apiserver would refuse, before any work is done for the watch.
     *
     * @throws dev.keel.api.status.ApiException 403 without a usable Origin, 400 for several subprotocols
     */
    public static void checkHandshake(HttpServletRequest request, ResourceType type) {
        if (!validOrigin(request.getHeader("Origin"))) {
            throw Statuses.forbidden(type.group(), type.plural(), null, "a WebSocket watch needs an Origin header");
        }
        List<String> protocols = tokens(request, "Sec-WebSocket-Protocol");
        if (protocols.size() > 1) {
            throw Statuses.badRequest("a WebSocket watch takes at most one subprotocol; got " + protocols);
        }
    }

    /** Answers 101 and hands the connection to a {@link WebSocketWatchSink}; {@code start} runs once it is open. */
    public static void upgrade(HttpServletRequest request, HttpServletResponse response, Consumer<WatchSink> start)
            throws IOException {
        ServerContainer container = (ServerContainer) request.getServletContext().getAttribute(ServerContainer.class.getName());
        if (container == null) {
            throw Statuses.unavailable("this server has no WebSocket support", null);
        }
        WebSocketWatchSink sink = new WebSocketWatchSink(start);
        ServerEndpointConfig config = ServerEndpointConfig.Builder.create(WebSocketWatchSink.class, request.getRequestURI())
                .configurator(new SingleEndpoint(sink))
                .build();
        response.setContentType("application/json");
        try {
            container.upgradeHttpToWebSocket(request, response, config, Map.of());
        } catch (DeploymentException e) {
            throw Statuses.internal("could not upgrade the watch to a WebSocket: " + e.getMessage(), e);
        }
    }

    /** Go's {@code url.ParseRequestURI} rules, which kube-apiserver's handshake applies: an absolute URI or path. */
    private static boolean validOrigin(String origin) {
        if (origin == null || origin.isEmpty() || origin.equals("null")) {
            return false;
        }
        try {
            return new URI(origin).isAbsolute() || origin.startsWith("/");
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean hasToken(HttpServletRequest request, String header, String token) {
        return tokens(request, header).stream().anyMatch(token::equalsIgnoreCase);
    }

    private static List<String> tokens(HttpServletRequest request, String header) {
        List<String> tokens = new ArrayList<>();
        for (String value : Collections.list(request.getHeaders(header))) {
            for (String token : value.split(",")) {
                if (!token.isBlank()) {
                    tokens.add(token.strip());
                }
            }
        }
        return tokens;
    }

    /** Hands the container the endpoint made for this request; the Origin and subprotocol were checked before. */
    private static final class SingleEndpoint extends ServerEndpointConfig.Configurator {

        private final WebSocketWatchSink endpoint;

        SingleEndpoint(WebSocketWatchSink endpoint) {
            this.endpoint = endpoint;
        }

        @Override
        public <T> T getEndpointInstance(Class<T> endpointClass) {
            return endpointClass.cast(endpoint);
        }

        @Override
        public boolean checkOrigin(String originHeaderValue) {
            return true;
        }

        @Override
        public String getNegotiatedSubprotocol(List<String> supported, List<String> requested) {
            return requested.isEmpty() ? "" : requested.get(0);
        }

        @Override
        public List<Extension> getNegotiatedExtensions(List<Extension> installed, List<Extension> requested) {
            // kube-apiserver negotiates no extensions (no permessage-deflate) on watches.
            return List.of();
        }
    }
}
