package dev.keel.proxy.rules;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** Short, stable names for per-service and per-endpoint chains: the first 64 bits of a SHA-256, in hex. */
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

    public static String of(String input) {
        byte[] digest = SHA_256.get().digest(input.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 8).toUpperCase(Locale.ROOT);
    }
}
