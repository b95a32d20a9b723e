package dev.keel.proxy.testing;

import dev.keel.proxy.service.ProxiedPort;
import dev.keel.proxy.service.Protocol;
import dev.keel.proxy.service.ServiceEndpoint;
import java.util.ArrayList;
import java.util.List;

/** Builds a {@link ProxiedPort} for tests: {@code port("default", "web").clusterIp(...).endpoints(...)}. */
public final class PortBuilder {

    private final String namespace;
    private final String name;
    private String portName = "";
    private Protocol protocol = Protocol.TCP;
    private String clusterIp = "10.96.0.10";
    private int port = 80;
    private int nodePort;
    private int affinity;
    private final List<ServiceEndpoint> endpoints = new ArrayList<>();

    private PortBuilder(String namespace, String name) {
        this.namespace = namespace;
        this.name = name;
    }

    public static PortBuilder port(String namespace, String name) {
        return new PortBuilder(namespace, name);
    }

    public PortBuilder named(String value) {
        portName = value;
        return this;
    }

    public PortBuilder udp() {
        protocol = Protocol.UDP;
        return this;
    }

    public PortBuilder clusterIp(String ip, int value) {
        clusterIp = ip;
        port = value;
        return this;
    }

    public PortBuilder nodePort(int value) {
        nodePort = value;
        return this;
    }

    public PortBuilder affinity(int seconds) {
        affinity = seconds;
        return this;
    }

    /** Endpoints as {@code ip:port}. */
    public PortBuilder endpoints(String... hostPorts) {
        for (String hostPort : hostPorts) {
            int colon = hostPort.indexOf(':');
            endpoints.add(new ServiceEndpoint(hostPort.substring(0, colon),
                    Integer.parseInt(hostPort.substring(colon + 1))));
        }
        return this;
    }

    public ProxiedPort build() {
        List<ServiceEndpoint> sorted = new ArrayList<>(endpoints);
        sorted.sort(null);
        return new ProxiedPort(namespace, name, portName, protocol, clusterIp, port, nodePort, affinity, sorted);
    }
}
