package dev.keel.scheduler.framework;

import io.fabric8.kubernetes.api.model.ContainerPort;

/**
 * A host port a pod uses. An empty or 0.0.0.0 address means all addresses, which conflicts with any address on the
 * same protocol and port.
 */
public record HostPort(String ip, String protocol, int port) {

    public static HostPort of(ContainerPort port) {
        String ip = port.getHostIP() == null || port.getHostIP().isEmpty() ? "0.0.0.0" : port.getHostIP();
        String protocol = port.getProtocol() == null || port.getProtocol().isEmpty() ? "TCP" : port.getProtocol();
        return new HostPort(ip, protocol, port.getHostPort());
    }

    public boolean conflictsWith(HostPort other) {
        if (port != other.port || !protocol.equals(other.protocol)) {
            return false;
        }
        return ip.equals(other.ip) || ip.equals("0.0.0.0") || other.ip.equals("0.0.0.0");
    }
}
