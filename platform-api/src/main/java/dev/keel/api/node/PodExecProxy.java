package dev.keel.api.node;

import dev.keel.api.status.Statuses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code pods/exec}: sends the client's upgrade request (SPDY/3.1 or WebSocket, with its
 * {@code X-Stream-Protocol-Version}/{@code Sec-WebSocket-*} headers) to the pod's node agent, and when the agent
 * answers 101 answers the client the same and joins the two connections ({@link NodeStreamProxy#relay}), as
 * kube-apiserver proxies upgrades to the kubelet. Any other answer goes back to the client as a Status with the
 * agent's code, so a client whose first choice of protocol is refused can fall back to another (kubectl 1.30+
 * WebSocket to SPDY).
 */
public class PodExecProxy {

    private final NodeLocator locator;
    private final NodeStreamProxy streams;

    public PodExecProxy(NodeLocator locator, NodeStreamProxy streams) {
        this.locator = locator;
        this.streams = streams;
    }

    public void proxy(String namespace, String pod, HttpServletRequest request, HttpServletResponse response)
        throws IOException {
        NodeStreamProxy.requireUpgrade(request);
        NodeTarget target = locator.forPod(namespace, pod);
        String container = NodeLocator.container(target, request.getParameter("container"));
        String phase = target.pod().path("status").path("phase").asText("");
        if (phase.equals("Succeeded") || phase.equals("Failed")) {
            throw Statuses.badRequest("cannot exec into a container in a completed pod; current phase is " + phase);
        }
        streams.relay(target, "/exec/" + namespace + "/" + pod + "/" + container, request, response,
            "Exec " + namespace + "/" + pod + "/" + container);
    }
}
