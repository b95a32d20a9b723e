package dev.keel.proxy.rules.iptables;

import dev.keel.proxy.rules.ChainHash;
import dev.keel.proxy.service.ProxiedPort;
import dev.keel.proxy.service.ServiceEndpoint;
import java.util.LinkedHashSet;
import java.util.Set;

/** The names of the proxy's own chains; every one starts with {@link #PREFIX}, and nothing else is touched. */
public final class IptablesChains {

    public static final String PREFIX = "KEEL-";
    /** nat: matches cluster IPs, then hands local destinations to the node ports; filter: rejects. */
    public static final String SERVICES = "KEEL-SERVICES";
    public static final String NODEPORTS = "KEEL-NODEPORTS";
    public static final String POSTROUTING = "KEEL-POSTROUTING";
    public static final String MARK_MASQ = "KEEL-MARK-MASQ";
    /** filter: rejects node ports without endpoints. */
    public static final String EXTERNAL_SERVICES = "KEEL-EXTERNAL-SERVICES";

    private IptablesChains() {
    }

    public static String service(ProxiedPort port) {
        return "KEEL-SVC-" + ChainHash.of(port.id());
    }

    /** The chains of one port: its service chain and one per endpoint, or none without endpoints. */
    public static Set<String> ofPort(ProxiedPort port) {
        Set<String> chains = new LinkedHashSet<>();
        if (port.hasEndpoints()) {
            chains.add(service(port));
            port.endpoints().forEach(endpoint -> chains.add(endpoint(port, endpoint)));
        }
        return chains;
    }

    public static String endpoint(ProxiedPort port, ServiceEndpoint endpoint) {
        return "KEEL-SEP-" + ChainHash.of(port.id() + "/" + endpoint.hostPort());
    }
}
