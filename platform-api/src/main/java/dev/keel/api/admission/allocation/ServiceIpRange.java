package dev.keel.api.admission.allocation;

import dev.keel.api.admission.Ipv4;

/**
 * An IPv4 CIDR for service cluster IPs. The network and broadcast addresses are not allocatable. As upstream
 * does, a small low band (1/16 of the range, between 16 and 256 addresses) is preferred for requested addresses.
 */
public final class ServiceIpRange implements AllocationRange {

    private final String cidr;
    private final long network;
    private final int size;
    private final int dynamicStart;

    private ServiceIpRange(String cidr, long network, int size, int dynamicStart) {
        this.cidr = cidr;
        this.network = network;
        this.size = size;
        this.dynamicStart = dynamicStart;
    }

    /** @throws IllegalArgumentException when {@code cidr} is not an IPv4 CIDR of at least 4 addresses */
    public static ServiceIpRange parse(String cidr) {
        String[] parts = cidr == null ? new String[0] : cidr.trim().split("/");
        Long address = parts.length == 2 ? Ipv4.parse(parts[0]) : null;
        int prefix;
        try {
            prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : -1;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("service cluster IP range " + cidr + " is not an IPv4 CIDR such as 10.96.0.0/16", e);
        }
        if (address == null || prefix < 8 || prefix > 30) {
            throw new IllegalArgumentException("service cluster IP range " + cidr
                    + " must be an IPv4 CIDR with a prefix length between 8 and 30, such as 10.96.0.0/16");
        }
        long total = 1L << (32 - prefix);
        long network = address & ~(total - 1) & 0xffffffffL;
        long band = total < 16 ? 0 : Math.max(16, Math.min(256, total / 16));
        int size = (int) (total - 2);
        return new ServiceIpRange(Ipv4.format(network) + "/" + prefix, network, size, (int) Math.min(band, size));
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int dynamicStart() {
        return dynamicStart;
    }

    @Override
    public String valueAt(int index) {
        return Ipv4.format(network + 1 + index);
    }

    @Override
    public int indexOf(String value) {
        Long address = Ipv4.parse(value);
        if (address == null) {
            return -1;
        }
        long index = address - network - 1;
        return index >= 0 && index < size ? (int) index : -1;
    }

    @Override
    public String describe() {
        return cidr;
    }
}
