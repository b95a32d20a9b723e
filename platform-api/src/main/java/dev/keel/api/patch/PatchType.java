package dev.keel.api.patch;

import dev.keel.api.status.Statuses;
import java.util.Locale;

/** The PATCH body formats, by Content-Type. */
public enum PatchType {
    JSON_PATCH("application/json-patch+json"),
    MERGE_PATCH("application/merge-patch+json"),
    STRATEGIC_MERGE_PATCH("application/strategic-merge-patch+json"),
    APPLY_YAML("application/apply-patch+yaml"),
    APPLY_CBOR("application/apply-patch+cbor");

    private static final String ACCEPTED = "application/json-patch+json, application/merge-patch+json, "
            + "application/apply-patch+yaml, application/strategic-merge-patch+json";

    private final String mediaType;

    PatchType(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    public boolean isApply() {
        return this == APPLY_YAML || this == APPLY_CBOR;
    }

    /** @throws dev.keel.api.status.ApiException 415 for any other content type */
    public static PatchType fromContentType(String contentType) {
        String base = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        for (PatchType type : values()) {
            if (type.mediaType.equals(base) && type != APPLY_CBOR) {
                return type;
            }
        }
        throw Statuses.unsupportedMediaType(contentType, ACCEPTED);
    }
}
