package dev.keel.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.codec.ObjectCodec;
import dev.keel.api.codec.protobuf.ProtobufEncoder;
import dev.keel.api.objects.StoredObject;
import dev.keel.api.registry.KindStrategies;
import dev.keel.api.resource.ResourceType;
import dev.keel.api.table.TableRenderer;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes objects and lists in the negotiated format: JSON, YAML, protobuf, Table or PartialObjectMetadata. */
public class ResponseRenderer {

    private static final Logger log = LoggerFactory.getLogger(ResponseRenderer.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ObjectCodec codec;
    private final TableRenderer tables;
    private final KindStrategies strategies;
    private final ProtobufEncoder protobuf;

    public ResponseRenderer(ObjectCodec codec, TableRenderer tables, KindStrategies strategies) {
        this.codec = codec;
        this.tables = tables;
        this.strategies = strategies;
        this.protobuf = new ProtobufEncoder(codec.json());
    }

    /** Whether objects of {@code type} can be answered in protobuf. */
    public boolean protobufSupported(ResourceType type) {
        return protobuf.supports(type.apiVersion(), type.kind());
    }

    public void writeObject(HttpServletResponse response, int status, ResourceType type, ObjectNode object,
            OutputFormat format, String includeObject) throws IOException {
        if (format.kind() == OutputFormat.Kind.PROTOBUF) {
            ProtobufEncoder.Body encoded = protobuf.object(type.apiVersion(), type.kind(), object);
            reportDropped(describe(type.kind(), object), encoded);
            writeBytes(response, status, encoded.bytes(), format.contentType(type.kind()));
            return;
        }
        JsonNode body = switch (format.kind()) {
            case TABLE -> tables.render(strategies.of(type).columns(), format.tableVersion(), List.of(object),
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
            writeBytes(response, 200, object.json(), "application/json");
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
        if (format.kind() == OutputFormat.Kind.PROTOBUF) {
            ObjectNode metadata = listEnvelope(type.listKind(), type.apiVersion(), revision, continueToken)
                    .withObjectProperty("metadata");
            ProtobufEncoder.Body body = protobuf.list(type.apiVersion(), type.kind(), type.listKind(), metadata, objects);
            reportDropped(type.listKind(), body);
            writeBytes(response, 200, body.bytes(), format.contentType(type.listKind()));
            return;
        }
        JsonNode body;
        switch (format.kind()) {
            case TABLE -> body = tables.render(strategies.of(type).columns(), format.tableVersion(), objects, Long.toString(revision),
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
        byte[] bytes;
        String bodyKind = null;
        if (format.kind() == OutputFormat.Kind.YAML) {
            bytes = codec.toYaml(body);
        } else if (format.kind() == OutputFormat.Kind.PROTOBUF) {
            ObjectNode tree = body instanceof ObjectNode node ? node : codec.json().valueToTree(body);
            String apiVersion = tree.path("apiVersion").asText("");
            String kind = tree.path("kind").asText("");
            ProtobufEncoder.Body encoded;
            if (kind.equals("Status")) {
                encoded = protobuf.status(tree);
            } else if (protobuf.supports(apiVersion, kind)) {
                encoded = protobuf.object(apiVersion, kind, tree);
            } else {
                // Nothing served here lacks a protobuf form today; should something, it goes out as JSON.
                write(response, status, body, OutputFormat.JSON);
                return;
            }
            reportDropped(describe(kind, tree), encoded);
            bytes = encoded.bytes();
        } else {
            bytes = codec.toJson(body);
            if (body instanceof JsonNode node) {
                bodyKind = node.path("kind").asText("");
            }
        }
        writeBytes(response, status, bytes, format.contentType(bodyKind));
    }

    /** A stored field with no place in the protobuf message: worth knowing, never a reason to fail the answer. */
    private static void reportDropped(String what, ProtobufEncoder.Body body) {
        if (!body.droppedFields().isEmpty()) {
            log.warn("{} answered in protobuf without the fields {}: the protobuf schema does not know them", what,
                    body.droppedFields());
        }
    }

    private static String describe(String kind, JsonNode object) {
        JsonNode metadata = object.path("metadata");
        String namespace = metadata.path("namespace").asText("");
        return kind + " " + (namespace.isEmpty() ? "" : namespace + "/") + metadata.path("name").asText("");
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
        writeBytes(response, 200, body.toByteArray(), "application/json");
    }

    private static void writeBytes(HttpServletResponse response, int status, byte[] body, String contentType)
            throws IOException {
        response.setStatus(status);
        response.setContentType(contentType);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
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
