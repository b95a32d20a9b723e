package dev.keel.proxy.service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Every proxied service port of the cluster at one moment, sorted so rendered rules are deterministic. */
public record ProxyState(List<ProxiedPort> ports) {

    public ProxyState {
        List<ProxiedPort> sorted = new ArrayList<>(ports);
        sorted.sort(null);
        ports = List.copyOf(sorted);
    }

    public static ProxyState of(Collection<ProxiedPort> ports) {
        return new ProxyState(List.copyOf(ports));
    }

    public static ProxyState empty() {
        return new ProxyState(List.of());
    }

    /** The number of endpoints over all ports (an endpoint behind two ports counts twice). */
    public int endpointCount() {
        return ports.stream().mapToInt(p -> p.endpoints().size()).sum();
    }
}
