package dev.keel.proxy.rules.iptables;

import dev.keel.proxy.rules.ChainHash;
import dev.keel.proxy.service.ProxiedPort;
import dev.keel.proxy.service.ServiceEndpoint;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The names of the proxy's own chains; every one starts with {@link #PREFIX}, and nothing else is touched.
 *
 * <p>A port's chains form a group that sorts together: the service chain {@code KEEL-SVC-<hash>} and its endpoint
 * chains {@code KEEL-SVC-<hash>-<hash>}, all after the fixed chains. {@link IptablesRenderer} relies on that order
 * (see there why), and on names of at most 28 characters, iptables' limit.
 */
public final class IptablesChains {

    public static final String PREFIX = "KEEL-";
    /** nat: matches cluster IPs, then hands local destinations to the node ports; filter: rejects. */
    public static final String SERVICES = "KEEL-SERVICES";
    public static final String NODEPORTS = "KEEL-NODEPORTS";
    public static final String POSTROUTING = "KEEL-POSTROUTING";
    public static final String MARK_MASQ = "KEEL-MARK-MASQ";
    /** filter: rejects node ports without endpoints. */
    public static final String EXTERNAL_SERVICES = "KEEL-EXTERNAL-SERVICES";

    private static final String SERVICE_PREFIX = "KEEL-SVC-";
    /** 60 bits of the port's id. */
    private static final int SERVICE_HASH = 12;
    /** 30 bits of the port's id and the endpoint: they only need to differ within one port (collisions re-hashed). */
    private static final int ENDPOINT_HASH = 6;
    private static final int SERVICE_NAME_LENGTH = SERVICE_PREFIX.length() + SERVICE_HASH;
    private static final int ENDPOINT_NAME_LENGTH = SERVICE_NAME_LENGTH + 1 + ENDPOINT_HASH;

    private IptablesChains() {
    }

    public static String service(ProxiedPort port) {
        return SERVICE_PREFIX + ChainHash.base32(port.id(), SERVICE_HASH);
    }

    /** The chains of one port: its service chain and one per endpoint, or none without endpoints. */
    public static Set<String> ofPort(ProxiedPort port) {
        return port.hasEndpoints() ? of(port).all() : Set.of();
    }

    /** The port's chains; endpoint chain names are distinct within the port. */
    public static PortChains of(ProxiedPort port) {
        String service = service(port);
        Map<ServiceEndpoint, String> chains = new LinkedHashMap<>();
        Set<String> taken = new HashSet<>();
        for (ServiceEndpoint endpoint : port.endpoints()) {
            String input = port.id() + "/" + endpoint.hostPort();
            String name = service + "-" + ChainHash.base32(input, ENDPOINT_HASH);
            for (int salt = 1; !taken.add(name); salt++) {
                name = service + "-" + ChainHash.base32(input + "#" + salt, ENDPOINT_HASH);
            }
            chains.put(endpoint, name);
        }
        return new PortChains(service, chains);
    }

    /** The service chain whose group {@code chain} belongs to, or empty for a fixed or foreign chain. */
    public static Optional<String> groupOf(String chain) {
        if (!chain.startsWith(SERVICE_PREFIX)) {
            return Optional.empty();
        }
        if (chain.length() == SERVICE_NAME_LENGTH) {
            return Optional.of(chain);
        }
        if (chain.length() == ENDPOINT_NAME_LENGTH && chain.charAt(SERVICE_NAME_LENGTH) == '-') {
            return Optional.of(chain.substring(0, SERVICE_NAME_LENGTH));
        }
        return Optional.empty();
    }
}
