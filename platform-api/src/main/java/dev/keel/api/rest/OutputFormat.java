package dev.keel.api.rest;

import dev.keel.api.status.Statuses;
import java.util.Locale;

/**
 * What the client asked for in {@code Accept}: the object itself (JSON, YAML or Kubernetes protobuf), a meta.k8s.io
 * Table ({@code as=Table}), or only metadata ({@code as=PartialObjectMetadata}). Tables and metadata are JSON only.
 *
 * @param tableVersion {@code v1} or {@code v1beta1} for tables, null otherwise
 */
public record OutputFormat(Kind kind, String tableVersion) {

    public enum Kind { JSON, YAML, PROTOBUF, TABLE, PARTIAL_METADATA }

    public static final OutputFormat JSON = new OutputFormat(Kind.JSON, null);
    public static final OutputFormat YAML = new OutputFormat(Kind.YAML, null);
    public static final OutputFormat PROTOBUF = new OutputFormat(Kind.PROTOBUF, null);

    private static final String PROTOBUF_TYPE = "application/vnd.kubernetes.protobuf";

    /** Picks the first media type of {@code accept} the server can produce, protobuf included. */
    public static OutputFormat negotiate(String accept) {
        return negotiate(accept, true);
    }

    /**
     * Picks the first media type of {@code accept} the server can produce; protobuf only when {@code protobuf} (the
     * kind has a protobuf form), as kube-apiserver passes over media types a kind cannot be written in.
     */
    public static OutputFormat negotiate(String accept, boolean protobuf) {
        if (accept == null || accept.isBlank()) {
            return JSON;
        }
        for (String range : accept.split(",")) {
            OutputFormat format = parseRange(range.trim());
            if (format != null && (protobuf || format.kind != Kind.PROTOBUF)) {
                return format;
            }
        }
        throw Statuses.notAcceptable(accept);
    }

    /** The format of a body that is not the requested object (a Status, a Scale): JSON for tables and metadata. */
    public OutputFormat plain() {
        return kind == Kind.TABLE || kind == Kind.PARTIAL_METADATA ? JSON : this;
    }

    /** The Content-Type of a body of {@code kind} (Table, PartialObjectMetadataList, ...) in this format. */
    public String contentType(String bodyKind) {
        return switch (kind) {
            case YAML -> "application/yaml";
            case PROTOBUF -> PROTOBUF_TYPE;
            case TABLE, PARTIAL_METADATA -> "application/json;as=" + bodyKind + ";v=" + tableVersion + ";g=meta.k8s.io";
            default -> "application/json";
        };
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
        if (mediaType.equals(PROTOBUF_TYPE)) {
            return PROTOBUF;
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
