package dev.keel.api.proxy;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IPv4 or IPv6 CIDR ({@code 127.0.0.0/8}, {@code fe80::/10}) that an address can be tested against. */
public record AddressRange(String cidr, byte[] network, int prefix) {

    /** @throws IllegalArgumentException when {@code cidr} is not a literal address, a slash and a prefix length */
    public static AddressRange parse(String cidr) {
        String[] parts = cidr == null ? new String[0] : cidr.strip().split("/");
        if (parts.length != 2 || !literal(parts[0])) {
            throw new IllegalArgumentException("address range " + cidr + " is not a CIDR such as 127.0.0.0/8 or ::1/128");
        }
        try {
            byte[] network = InetAddress.getByName(parts[0]).getAddress();
            int prefix = Integer.parseInt(parts[1]);
            if (prefix < 0 || prefix > network.length * 8) {
                throw new IllegalArgumentException("address range " + cidr + " has a prefix length beyond "
                        + network.length * 8);
            }
            return new AddressRange(cidr.strip(), network, prefix);
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalArgumentException("address range " + cidr + " is not a CIDR such as 127.0.0.0/8", e);
        }
    }

    /** Whether {@code text} is an IP address written out (so looking it up resolves no name). */
    static boolean literal(String text) {
        return !text.isEmpty() && (text.contains(":") || text.chars().allMatch(c -> Character.isDigit(c) || c == '.'));
    }

    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (bytes[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (bytes[full] & mask) == (network[full] & mask);
    }
}
