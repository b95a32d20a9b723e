package dev.keel.api.node;

import dev.keel.api.status.Statuses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code pods/attach}: the client's upgrade (SPDY/3.1, or WebSocket from kubectl 1.30+, which falls back to SPDY
 * when the node's streaming server refuses it) relayed to the agent's {@code /attach/NS/POD/CONTAINER} with the
 * client's {@code stdin}, {@code stdout}, {@code stderr} and {@code tty} parameters. A completed pod is refused with
 * kubectl's words; a container that is not running is refused by the agent (404, the kubelet's words).
 */
public class PodAttachProxy {

    private final NodeLocator locator;
    private final NodeStreamProxy streams;

    public PodAttachProxy(NodeLocator locator, NodeStreamProxy streams) {
        this.locator = locator;
        this.streams = streams;
    }

    public void proxy(String namespace, String pod, HttpServletRequest request, HttpServletResponse response)
        throws IOException {
        // As kube-apiserver: the pod is looked up first (404, 400 without a node), then the upgrade is required.
        NodeTarget target = locator.forPod(namespace, pod);
        NodeStreamProxy.requireUpgrade(request);
        String container = NodeLocator.container(target, request.getParameter("container"));
        String phase = target.pod().path("status").path("phase").asText("");
        if (phase.equals("Succeeded") || phase.equals("Failed")) {
            throw Statuses.badRequest("cannot attach a container in a completed pod; current phase is " + phase);
        }
        streams.relay(target, "/attach/" + namespace + "/" + pod + "/" + container, request, response,
            "Attach to " + namespace + "/" + pod + "/" + container);
    }
}
