package dev.keel.proxy.rules;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** Short, stable names for per-service and per-endpoint chains: the first bits of a SHA-256, in hex or base32. */
public final class ChainHash {

    /** Looking the algorithm up costs more than hashing a short name; a digest per thread avoids it. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    });

    private ChainHash() {
    }

    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    /** The first 64 bits, as 16 hex digits. */
    public static String of(String input) {
        return HexFormat.of().formatHex(digest(input), 0, 8).toUpperCase(Locale.ROOT);
    }

    /** The first {@code 5 * length} bits (at most 255), in RFC 4648 base32 letters: more bits per character. */
    public static String base32(String input, int length) {
        if (length < 1 || length > 51) {
            throw new IllegalArgumentException("base32 length must be 1..51, was " + length);
        }
        byte[] digest = digest(input);
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            int bit = i * 5;
            int pair = (digest[bit / 8] & 0xff) << 8 | (bit / 8 + 1 < digest.length ? digest[bit / 8 + 1] & 0xff : 0);
            out[i] = BASE32[pair >>> (11 - bit % 8) & 0x1f];
        }
        return new String(out);
    }

    private static byte[] digest(String input) {
        return SHA_256.get().digest(input.getBytes(StandardCharsets.UTF_8));
    }
}
