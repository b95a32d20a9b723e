package dev.keel.api.admission;

/** Dotted-quad IPv4 addresses as unsigned 32-bit numbers, for range arithmetic without name lookups. */
public final class Ipv4 {

    private Ipv4() {
    }

    /** The address as a number, or null when {@code text} is not a dotted-quad IPv4 address. */
    public static Long parse(String text) {
        if (text == null) {
            return null;
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        long value = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
                return null;
            }
            int octet = Integer.parseInt(part);
            if (octet > 255) {
                return null;
            }
            value = (value << 8) | octet;
        }
        return value;
    }

    public static String format(long address) {
        return ((address >> 24) & 0xff) + "." + ((address >> 16) & 0xff) + "." + ((address >> 8) & 0xff) + "." + (address & 0xff);
    }
}
