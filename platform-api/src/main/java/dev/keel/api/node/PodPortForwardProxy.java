package dev.keel.api.node;

import dev.keel.api.status.Statuses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code pods/portforward} to the agent's {@code /portForward/NS/POD}. kubectl up to 1.29 upgrades to SPDY/3.1
 * ({@code portforward.k8s.io}), relayed as it is; kubectl 1.30+ first opens a WebSocket with the subprotocol
 * {@code SPDY/3.1+portforward.k8s.io}, which is turned into a SPDY upgrade to the agent and carries the SPDY bytes in
 * binary messages ({@link NodeStreamProxy#tunnel}), as kube-apiserver does, since the runtime's streaming server
 * speaks only SPDY and its older WebSocket protocol. As in Kubernetes the server checks only that the pod exists and
 * has a node; kubectl itself refuses pods that are not Running.
 */
public class PodPortForwardProxy {

    private final NodeLocator locator;
    private final NodeStreamProxy streams;

    public PodPortForwardProxy(NodeLocator locator, NodeStreamProxy streams) {
        this.locator = locator;
        this.streams = streams;
    }

    public void proxy(String namespace, String pod, HttpServletRequest request, HttpServletResponse response)
        throws IOException {
        // As kube-apiserver: the pod is looked up first (404, 400 without a node), then the upgrade is required.
        NodeTarget target = locator.forPod(namespace, pod);
        NodeStreamProxy.requireUpgrade(request);
        String agentPath = "/portForward/" + namespace + "/" + pod;
        String description = "Port-forward to " + namespace + "/" + pod;
        String agentQuery = agentQuery(request.getParameterValues("ports"));
        if (NodeStreamProxy.tunnelRequested(request)) {
            streams.tunnel(target, agentPath, agentQuery, request, response, description);
        } else {
            streams.relay(target, agentPath, agentQuery, request, response, description);
        }
    }

    /**
     * The agent's query for the client's {@code ports=} values, as kube-apiserver builds the kubelet's: one
     * {@code port=} with the ports joined by commas, nothing else of the client's query.
     *
     * @throws dev.keel.api.status.ApiException 400 when a value is not a port number
     */
    static String agentQuery(String[] ports) {
        if (ports == null || ports.length == 0) {
            return "";
        }
        List<String> numbers = new ArrayList<>();
        for (String port : ports) {
            try {
                numbers.add(Integer.toString(Integer.parseInt(port.strip())));
            } catch (NumberFormatException e) {
                throw Statuses.badRequest("invalid port \"" + port + "\" in the ports parameter: " + e.getMessage());
            }
        }
        return "?port=" + String.join(",", numbers);
    }
}
