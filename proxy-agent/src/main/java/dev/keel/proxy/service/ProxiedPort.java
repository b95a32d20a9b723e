package dev.keel.proxy.service;

import java.util.List;

/**
 * One port of one Service, with everything the rule writers need: the virtual address, the node port, the
 * session affinity and the endpoints that may take new connections (already filtered for readiness).
 *
 * @param namespace the Service's namespace
 * @param name the Service's name
 * @param portName the Service port's name (empty for a single unnamed port)
 * @param protocol TCP or UDP
 * @param clusterIp the virtual IPv4 address
 * @param port the port on the cluster IP
 * @param nodePort the port on every node address, or 0 when the Service has none
 * @param affinityTimeoutSeconds how long a client IP sticks to its endpoint, or 0 without ClientIP affinity
 * @param endpoints the usable endpoints, sorted, without duplicates
 */
public record ProxiedPort(String namespace, String name, String portName, Protocol protocol, String clusterIp,
                          int port, int nodePort, int affinityTimeoutSeconds, List<ServiceEndpoint> endpoints)
        implements Comparable<ProxiedPort> {

    public ProxiedPort {
        endpoints = List.copyOf(endpoints);
    }

    /** {@code namespace/name:portName}, how logs and rule comments name this port. */
    public String displayName() {
        return namespace + "/" + name + (portName.isEmpty() ? "" : ":" + portName);
    }

    /** {@code namespace/name/protocol/portName}: stable across syncs, the input of chain name hashes. */
    public String id() {
        return namespace + "/" + name + "/" + protocol.lowerName() + "/" + portName;
    }

    public boolean hasNodePort() {
        return nodePort > 0;
    }

    public boolean hasAffinity() {
        return affinityTimeoutSeconds > 0;
    }

    public boolean hasEndpoints() {
        return !endpoints.isEmpty();
    }

    /** The same port with other endpoints. */
    public ProxiedPort withEndpoints(List<ServiceEndpoint> newEndpoints) {
        return new ProxiedPort(namespace, name, portName, protocol, clusterIp, port, nodePort,
                affinityTimeoutSeconds, newEndpoints);
    }

    @Override
    public int compareTo(ProxiedPort other) {
        return id().compareTo(other.id());
    }
}
