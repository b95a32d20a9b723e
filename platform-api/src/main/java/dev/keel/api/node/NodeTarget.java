package dev.keel.api.node;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where a pod's node agent answers, and the pod as stored.
 *
 * @param node the node's name
 * @param host the address to connect to (InternalIP preferred)
 * @param port the agent's port
 * @param pod  the pod object (null for node-only targets)
 */
public record NodeTarget(String node, String host, int port, JsonNode pod) {

    /** {@code https://host:port}, IPv6 addresses bracketed. */
    public String baseUrl() {
        return "https://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
