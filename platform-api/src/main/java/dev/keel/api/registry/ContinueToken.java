package dev.keel.api.registry;

import dev.keel.api.status.Statuses;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque {@code continue} value of a paged list: the revision the first page was read at and the key to
 * resume after, so every page is a view of the same moment.
 */
public record ContinueToken(long revision, String startKey) {

    public String encode() {
        String raw = revision + ":" + startKey;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    public static ContinueToken decode(String token, String requiredPrefix) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int colon = raw.indexOf(':');
            long revision = Long.parseLong(raw.substring(0, colon));
            String key = raw.substring(colon + 1);
            if (!key.startsWith(requiredPrefix) || revision <= 0) {
                throw new IllegalArgumentException("token addresses another collection");
            }
            return new ContinueToken(revision, key);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw Statuses.badRequest("continue key is not valid: " + e.getMessage());
        }
    }
}
