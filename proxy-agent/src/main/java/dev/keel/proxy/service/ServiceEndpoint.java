package dev.keel.proxy.service;

/** One backend of a service port: the address and port a connection is translated to. */
public record ServiceEndpoint(String ip, int port) implements Comparable<ServiceEndpoint> {

    /** {@code ip:port}, the form DNAT takes. */
    public String hostPort() {
        return ip + ":" + port;
    }

    @Override
    public int compareTo(ServiceEndpoint other) {
        int byIp = ip.compareTo(other.ip);
        return byIp != 0 ? byIp : Integer.compare(port, other.port);
    }
}
