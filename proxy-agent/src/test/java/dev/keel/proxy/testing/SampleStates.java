package dev.keel.proxy.testing;

import static dev.keel.proxy.testing.PortBuilder.port;

import dev.keel.proxy.rules.RuleSettings;
import dev.keel.proxy.service.ProxyState;
import java.util.List;

/** The services the golden files of both modes show. */
public final class SampleStates {

    public static final RuleSettings SETTINGS = new RuleSettings("10.244.0.0/16", 0x4000);

    private SampleStates() {
    }

    /** A ClusterIP+NodePort with two endpoints, a UDP port, ClientIP affinity, and a port with no endpoint. */
    public static ProxyState mixed() {
        return ProxyState.of(List.of(
                port("default", "web").named("http").clusterIp("10.96.0.10", 80).nodePort(30080)
                        .endpoints("10.244.1.2:8080", "10.244.1.3:8080").build(),
                port("kube-system", "dns").named("dns").udp().clusterIp("10.96.0.53", 53)
                        .endpoints("10.244.2.5:5353").build(),
                port("shop", "cart").clusterIp("10.96.3.4", 443).affinity(600)
                        .endpoints("10.244.1.7:8443", "10.244.2.7:8443", "10.244.3.7:8443").build(),
                port("shop", "empty").clusterIp("10.96.3.5", 80).nodePort(30081).build()));
    }

    /**
     * {@link #mixed()} a moment later: web lost one endpoint and gained another, dns is unchanged, cart is gone,
     * empty got an endpoint, and a new service without endpoints came.
     */
    public static ProxyState mixedChanged() {
        return ProxyState.of(List.of(
                port("default", "web").named("http").clusterIp("10.96.0.10", 80).nodePort(30080)
                        .endpoints("10.244.1.3:8080", "10.244.1.4:8080").build(),
                port("kube-system", "dns").named("dns").udp().clusterIp("10.96.0.53", 53)
                        .endpoints("10.244.2.5:5353").build(),
                port("shop", "empty").clusterIp("10.96.3.5", 80).nodePort(30081).endpoints("10.244.3.9:80").build(),
                port("shop", "new").clusterIp("10.96.3.6", 80).nodePort(30082).build()));
    }
}
