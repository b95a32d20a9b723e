package dev.keel.node.hollow;

/** Splits an IPv4 range into consecutive /24s, one per hollow node. */
final class HollowPodRanges {

    private final long base;
    private final int count;

    HollowPodRanges(String cidr) {
        String[] parts = cidr.split("/");
        if (parts.length != 2) {
            throw new IllegalArgumentException("Not an IPv4 CIDR: " + cidr);
        }
        int prefix = Integer.parseInt(parts[1]);
        if (prefix < 8 || prefix > 24) {
            throw new IllegalArgumentException("The hollow pod range must be between /8 and /24, not " + cidr);
        }
        long address = 0;
        String[] octets = parts[0].split("\\.");
        if (octets.length != 4) {
            throw new IllegalArgumentException("Not an IPv4 CIDR: " + cidr);
        }
        for (String octet : octets) {
            int value = Integer.parseInt(octet);
            if (value < 0 || value > 255) {
                throw new IllegalArgumentException("Not an IPv4 CIDR: " + cidr);
            }
            address = address << 8 | value;
        }
        long mask = 0xFFFFFFFFL << (32 - prefix) & 0xFFFFFFFFL;
        if ((address & ~mask & 0xFFFFFFFFL) != 0) {
            throw new IllegalArgumentException("Host bits set in " + cidr);
        }
        this.base = address;
        this.count = 1 << (24 - prefix);
    }

    /** How many /24s the range holds. */
    int size() {
        return count;
    }

    /** The /24 of node {@code index}, counting from 0. */
    String range(int index) {
        if (index < 0 || index >= count) {
            throw new IllegalArgumentException("The range holds " + count + " /24s; node index " + index + " is outside");
        }
        long network = base + ((long) index << 8);
        return (network >> 24 & 255) + "." + (network >> 16 & 255) + "." + (network >> 8 & 255) + ".0/24";
    }
}
