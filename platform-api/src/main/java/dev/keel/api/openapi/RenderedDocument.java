package dev.keel.api.openapi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A document encoded once, with its hash: the ETag clients revalidate with, and for OpenAPI v3 the
 * {@code hash} query parameter that makes a document's URL change whenever the document does.
 */
public record RenderedDocument(byte[] body, String hash) {

    static RenderedDocument of(byte[] body) {
        try {
            return new RenderedDocument(body, HexFormat.of().withUpperCase()
                    .formatHex(MessageDigest.getInstance("SHA-512").digest(body)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-512", e);
        }
    }

    static RenderedDocument ofText(String body) {
        return of(body.getBytes(StandardCharsets.UTF_8));
    }

    /** The quoted strong ETag. */
    public String etag() {
        return "\"" + hash + "\"";
    }
}
