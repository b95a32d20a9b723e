package dev.keel.proxy.rules.nftables;

import dev.keel.proxy.rules.ChainHash;
import dev.keel.proxy.service.ProxiedPort;
import dev.keel.proxy.service.ServiceEndpoint;

/** Names of the per-service objects in the proxy's table: a hash for uniqueness, then a readable tail. */
public final class NftablesNames {

    private NftablesNames() {
    }

    public static String service(ProxiedPort port) {
        return "svc-" + ChainHash.of(port.id()) + "-" + readable(port);
    }

    /** The chain node-port traffic enters: it marks for masquerade, then joins the service chain. */
    public static String external(ProxiedPort port) {
        return "ext-" + ChainHash.of(port.id()) + "-" + readable(port);
    }

    public static String endpoint(ProxiedPort port, ServiceEndpoint endpoint) {
        return "ep-" + ChainHash.of(port.id() + "/" + endpoint.hostPort()) + "-" + readable(port) + "__"
                + endpoint.ip() + "/" + endpoint.port();
    }

    /** The client addresses stuck to one endpoint; the timeout is in the name since a set cannot change it. */
    public static String affinity(ProxiedPort port, ServiceEndpoint endpoint) {
        return "affinity-" + ChainHash.of(port.id() + "/" + endpoint.hostPort() + "/" + port.affinityTimeoutSeconds());
    }

    private static String readable(ProxiedPort port) {
        return port.namespace() + "/" + port.name() + "/" + port.protocol().lowerName()
                + (port.portName().isEmpty() ? "" : "/" + port.portName());
    }
}
