package dev.keel.proxy.rules.iptables;

import dev.keel.proxy.service.ServiceEndpoint;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The chains of one port: its service chain and one chain per endpoint.
 *
 * @param service the service chain
 * @param endpoints each endpoint's chain, in the port's endpoint order
 */
public record PortChains(String service, Map<ServiceEndpoint, String> endpoints) {

    public PortChains {
        endpoints = Collections.unmodifiableMap(new LinkedHashMap<>(endpoints));
    }

    public Set<String> all() {
        Set<String> all = new LinkedHashSet<>();
        all.add(service);
        all.addAll(endpoints.values());
        return all;
    }
}
