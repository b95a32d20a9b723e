package dev.keel.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.api.codec.ObjectCodec;
import dev.keel.api.codec.protobuf.ProtobufBodyDecoder;
import dev.keel.api.status.Statuses;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/** Reads request bodies within the size limit and parses them by Content-Type. */
public class RequestBodies {

    private final ObjectCodec codec;
    private final ProtobufBodyDecoder protobuf;
    private final int maxBytes;

    public RequestBodies(ObjectCodec codec, int maxBytes) {
        this.codec = codec;
        this.protobuf = new ProtobufBodyDecoder(codec.json());
        this.maxBytes = maxBytes;
    }

    /** The raw body; 413 when it is larger than the limit. */
    public byte[] read(HttpServletRequest request) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            throw tooLarge();
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(maxBytes + 1);
            if (body.length > maxBytes) {
                throw tooLarge();
            }
            return body;
        }
    }

    /** A JSON, YAML or Kubernetes protobuf object body for create and update; 415 for other media types. */
    public JsonNode readObject(HttpServletRequest request) throws IOException {
        String contentType = baseType(request.getContentType());
        if (contentType.equals(ProtobufBodyDecoder.MEDIA_TYPE)) {
            // kubectl and client-go send typed objects as protobuf; decoded, they are the tree the JSON path gives.
            return protobuf.decode(read(request));
        }
        boolean yaml = switch (contentType) {
            case "", "application/json", "*/*" -> false;
            case "application/yaml", "application/x-yaml", "text/yaml" -> true;
            default -> throw Statuses.unsupportedMediaType(request.getContentType(), "application/json, application/yaml");
        };
        return codec.readTree(read(request), yaml);
    }

    /** A body that may be empty (DeleteOptions); null when empty. JSON, YAML or Kubernetes protobuf. */
    public JsonNode readOptional(HttpServletRequest request) throws IOException {
        byte[] body = read(request);
        if (body.length == 0) {
            return null;
        }
        if (baseType(request.getContentType()).equals(ProtobufBodyDecoder.MEDIA_TYPE)) {
            // client-go (Helm's release storage among others) sends DeleteOptions as protobuf.
            return protobuf.decode(body);
        }
        if (new String(body).isBlank()) {
            return null;
        }
        return codec.readTree(body, baseType(request.getContentType()).contains("yaml"));
    }

    /** A patch body: JSON for every patch type, YAML (a superset of JSON) for apply. */
    public JsonNode readPatch(HttpServletRequest request, boolean yaml) throws IOException {
        return codec.readTree(read(request), yaml);
    }

    private static String baseType(String contentType) {
        return contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
    }

    private RuntimeException tooLarge() {
        return Statuses.tooLarge("Request entity too large: limit is " + maxBytes);
    }
}
