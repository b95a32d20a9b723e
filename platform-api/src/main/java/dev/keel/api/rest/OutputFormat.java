package dev.keel.api.rest;

import dev.keel.api.status.Statuses;
import java.util.Locale;

/**
 * What the client asked for in {@code Accept}: the object itself (JSON or YAML), a meta.k8s.io Table
 * ({@code as=Table}), or only metadata ({@code as=PartialObjectMetadata}).
 *
 * @param tableVersion {@code v1} or {@code v1beta1} for tables, null otherwise
 */
public record OutputFormat(Kind kind, String tableVersion) {

    public enum Kind { JSON, YAML, TABLE, PARTIAL_METADATA }

    public static final OutputFormat JSON = new OutputFormat(Kind.JSON, null);
    public static final OutputFormat YAML = new OutputFormat(Kind.YAML, null);

    /** Picks the first media type of {@code accept} the server can produce. */
    public static OutputFormat negotiate(String accept) {
        if (accept == null || accept.isBlank()) {
            return JSON;
        }
        for (String range : accept.split(",")) {
            OutputFormat format = parseRange(range.trim());
            if (format != null) {
                return format;
            }
        }
        throw Statuses.notAcceptable(accept);
    }

    private static OutputFormat parseRange(String range) {
        String[] parts = range.split(";");
        String mediaType = parts[0].trim().toLowerCase(Locale.ROOT);
        String as = null;
        String version = null;
        String group = null;
        for (int i = 1; i < parts.length; i++) {
            String[] pair = parts[i].trim().split("=", 2);
            if (pair.length != 2) {
                continue;
            }
            switch (pair[0].trim()) {
                case "as" -> as = pair[1].trim();
                case "v" -> version = pair[1].trim();
                case "g" -> group = pair[1].trim();
                default -> {
                }
            }
        }
        boolean json = mediaType.equals("application/json") || mediaType.equals("*/*") || mediaType.equals("application/*");
        if (as != null) {
            if (!mediaType.equals("application/json") || !"meta.k8s.io".equals(group)) {
                return null;
            }
            if (as.equals("Table") && ("v1".equals(version) || "v1beta1".equals(version))) {
                return new OutputFormat(Kind.TABLE, version);
            }
            if ((as.equals("PartialObjectMetadata") || as.equals("PartialObjectMetadataList"))
                    && ("v1".equals(version) || "v1beta1".equals(version))) {
                return new OutputFormat(Kind.PARTIAL_METADATA, version);
            }
            return null;
        }
        if (json) {
            return JSON;
        }
        if (mediaType.equals("application/yaml")) {
            return YAML;
        }
        return null;
    }

    public boolean isTable() {
        return kind == Kind.TABLE;
    }
}
