package dev.keel.api.proxy;

import dev.keel.api.status.Statuses;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.function.Supplier;

/**
 * Which addresses the proxy subresources may dial, as kube-apiserver's {@code IsProxyableIP} and
 * {@code IsProxyableHostname} decide: none in the refused ranges ({@code keel.api.proxy.refused-ranges}, by default
 * loopback, link-local, unspecified, multicast and broadcast, i.e. everything but global unicast). Without this a
 * client that may write a Pod status, Endpoints or Node could make platform-api reach this machine's own services
 * (etcd on 127.0.0.1) or a cloud's metadata address (169.254.169.254).
 */
public class ProxyableAddresses {

    private final Supplier<List<String>> refusedRanges;

    /** @param refusedRanges read on every check, so the configured list is the one in force */
    public ProxyableAddresses(Supplier<List<String>> refusedRanges) {
        this.refusedRanges = refusedRanges;
        // A malformed range fails at startup rather than on the first proxied request.
        ranges();
    }

    /**
     * @throws dev.keel.api.status.ApiException 400 {@code address not allowed} unless {@code ip} is a literal, allowed
     *     address
     */
    public void checkIp(String ip) {
        if (!allowsIp(ip)) {
            throw notAllowed();
        }
    }

    /** Whether {@code ip} is a literal address outside the refused ranges. */
    public boolean allowsIp(String ip) {
        if (ip == null || !AddressRange.literal(ip)) {
            return false;
        }
        try {
            return allows(InetAddress.getByName(ip));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /**
     * Every address the host name resolves to must be allowed (kube-apiserver's check of a node's address).
     *
     * @throws dev.keel.api.status.ApiException 400 when one is not, or the name does not resolve
     */
    public void checkHost(String host) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw Statuses.badRequest("lookup " + host + ": " + e.getMessage());
        }
        if (addresses.length == 0) {
            throw Statuses.badRequest("no addresses for hostname");
        }
        for (InetAddress address : addresses) {
            if (!allows(address)) {
                throw notAllowed();
            }
        }
    }

    private boolean allows(InetAddress address) {
        return ranges().stream().noneMatch(range -> range.contains(address));
    }

    private List<AddressRange> ranges() {
        return refusedRanges.get().stream().map(AddressRange::parse).toList();
    }

    private static RuntimeException notAllowed() {
        return Statuses.badRequest("address not allowed");
    }
}
