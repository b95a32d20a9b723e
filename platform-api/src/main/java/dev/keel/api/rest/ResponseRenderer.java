package dev.keel.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.codec.ObjectCodec;
import dev.keel.api.objects.StoredObject;
import dev.keel.api.resource.ResourceType;
import dev.keel.api.table.TableRenderer;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;

/** Writes objects and lists in the negotiated format: JSON, YAML, Table or PartialObjectMetadata. */
public class ResponseRenderer {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ObjectCodec codec;
    private final TableRenderer tables;

    public ResponseRenderer(ObjectCodec codec, TableRenderer tables) {
        this.codec = codec;
        this.tables = tables;
    }

    public void writeObject(HttpServletResponse response, int status, ResourceType type, ObjectNode object,
            OutputFormat format, String includeObject) throws IOException {
        JsonNode body = switch (format.kind()) {
            case TABLE -> tables.render(type.kind(), format.tableVersion(), List.of(object),
                    object.path("metadata").path("resourceVersion").asText(null), null, includeObject, true);
            case PARTIAL_METADATA -> TableRenderer.partialMetadata(object);
            default -> object;
        };
        write(response, status, body, format);
    }

    /** A stored object; plain JSON is written from the stored bytes without parsing them. */
    public void writeStored(HttpServletResponse response, ResourceType type, StoredObject object, OutputFormat format,
            String includeObject) throws IOException {
        if (format.kind() == OutputFormat.Kind.JSON) {
            writeBytes(response, 200, object.json());
            return;
        }
        writeObject(response, 200, type, object.object(), format, includeObject);
    }

    public void writeList(HttpServletResponse response, ResourceType type, List<StoredObject> items, long revision,
            String continueToken, OutputFormat format, String includeObject) throws IOException {
        if (format.kind() == OutputFormat.Kind.JSON) {
            writeJsonList(response, type, items, revision, continueToken);
            return;
        }
        List<ObjectNode> objects = items.stream().map(StoredObject::object).toList();
        JsonNode body;
        switch (format.kind()) {
            case TABLE -> body = tables.render(type.kind(), format.tableVersion(), objects, Long.toString(revision),
                    continueToken, includeObject, true);
            case PARTIAL_METADATA -> {
                ObjectNode list = listEnvelope("PartialObjectMetadataList", "meta.k8s.io/" + format.tableVersion(),
                        revision, continueToken);
                ArrayNode array = list.putArray("items");
                objects.forEach(o -> array.add(TableRenderer.partialMetadata(o)));
                body = list;
            }
            default -> {
                ObjectNode list = listEnvelope(type.listKind(), type.apiVersion(), revision, continueToken);
                ArrayNode array = list.putArray("items");
                for (ObjectNode object : objects) {
                    array.add(object);
                }
                body = list;
            }
        }
        write(response, 200, body, format);
    }

    public void write(HttpServletResponse response, int status, Object body, OutputFormat format) throws IOException {
        response.setStatus(status);
        byte[] bytes;
        if (format.kind() == OutputFormat.Kind.YAML) {
            response.setContentType("application/yaml");
            bytes = codec.toYaml(body);
        } else {
            response.setContentType("application/json");
            bytes = codec.toJson(body);
        }
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** {@code {"kind":..,"metadata":..,"items":[...]}} with each item's stored bytes: no parse, no re-encode. */
    private void writeJsonList(HttpServletResponse response, ResourceType type, List<StoredObject> items, long revision,
            String continueToken) throws IOException {
        ObjectNode envelope = listEnvelope(type.listKind(), type.apiVersion(), revision, continueToken);
        byte[] head = codec.toJson(envelope);
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream(head.length + 64 + items.size() * 1024);
        body.write(head, 0, head.length - 1);
        body.writeBytes(",\"items\":[".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                body.write(',');
            }
            body.writeBytes(items.get(i).json());
        }
        body.writeBytes("]}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        writeBytes(response, 200, body.toByteArray());
    }

    private static void writeBytes(HttpServletResponse response, int status, byte[] json) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setContentLength(json.length);
        response.getOutputStream().write(json);
    }

    private static ObjectNode listEnvelope(String kind, String apiVersion, long revision, String continueToken) {
        ObjectNode list = NODES.objectNode();
        list.put("kind", kind);
        list.put("apiVersion", apiVersion);
        ObjectNode metadata = list.putObject("metadata");
        metadata.put("resourceVersion", Long.toString(revision));
        if (continueToken != null) {
            metadata.put("continue", continueToken);
        }
        return list;
    }
}
