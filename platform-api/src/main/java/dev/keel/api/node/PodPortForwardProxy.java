package dev.keel.api.node;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

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
        if (NodeStreamProxy.tunnelRequested(request)) {
            streams.tunnel(target, agentPath, request, response, description);
        } else {
            streams.relay(target, agentPath, request, response, description);
        }
    }
}
