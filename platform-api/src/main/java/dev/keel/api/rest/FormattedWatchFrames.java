package dev.keel.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.codec.ObjectCodec;
import dev.keel.api.codec.protobuf.ProtobufEncoder;
import dev.keel.api.resource.ResourceType;
import dev.keel.api.status.ApiException;
import dev.keel.api.table.TableColumns;
import dev.keel.api.table.TableRenderer;
import dev.keel.api.watch.ChangeEvent;
import dev.keel.api.watch.WatchFrames;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watch events in the client's format. Plain JSON events reuse the object bytes encoded once per change; protobuf
 * events are length-prefixed WatchEvent frames, as kube-apiserver writes them.
 */
public class FormattedWatchFrames implements WatchFrames {

    private static final Logger log = LoggerFactory.getLogger(FormattedWatchFrames.class);

    private static final byte[] OBJECT_FIELD = ",\"object\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] END = "}\n".getBytes(StandardCharsets.UTF_8);

    private final ObjectCodec codec;
    private final TableRenderer tables;
    private final TableColumns columns;
    private final ResourceType type;
    private final OutputFormat format;
    private final String includeObject;
    private final ProtobufEncoder protobuf;
    private boolean columnsSent;

    public FormattedWatchFrames(ObjectCodec codec, TableRenderer tables, TableColumns columns, ResourceType type,
            OutputFormat format, String includeObject) {
        this.columns = columns;
        this.codec = codec;
        this.protobuf = format.kind() == OutputFormat.Kind.PROTOBUF ? new ProtobufEncoder(codec.json()) : null;
        this.tables = tables;
        this.type = type;
        this.format = format;
        this.includeObject = includeObject;
    }

    @Override
    public byte[] event(String eventType, ObjectNode object, ChangeEvent source) {
        if (protobuf != null) {
            return protobufFrame(eventType, object);
        }
        byte[] objectJson;
        switch (format.kind()) {
            case TABLE -> {
                objectJson = codec.toJson(tables.render(columns, format.tableVersion(), List.of(object),
                        object.path("metadata").path("resourceVersion").asText(null), null, includeObject, !columnsSent));
                columnsSent = true;
            }
            case PARTIAL_METADATA -> objectJson = codec.toJson(TableRenderer.partialMetadata(object));
            default -> objectJson = source != null && source.object() == object ? source.encoded().json() : codec.toJson(object);
        }
        return frame(eventType, objectJson);
    }

    @Override
    public byte[] bookmark(long revision, boolean initialEventsEnd) {
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        boolean table = format.isTable();
        object.put("kind", table ? "Table" : format.kind() == OutputFormat.Kind.PARTIAL_METADATA ? "PartialObjectMetadata" : type.kind());
        object.put("apiVersion", table || format.kind() == OutputFormat.Kind.PARTIAL_METADATA
                ? "meta.k8s.io/" + format.tableVersion() : type.apiVersion());
        ObjectNode metadata = object.putObject("metadata");
        metadata.put("resourceVersion", Long.toString(revision));
        if (initialEventsEnd) {
            metadata.putObject("annotations").put("k8s.io/initial-events-end", "true");
        }
        if (protobuf != null) {
            return protobufFrame("BOOKMARK", object);
        }
        return frame("BOOKMARK", codec.toJson(object));
    }

    @Override
    public byte[] error(ApiException reason) {
        if (protobuf != null) {
            ObjectNode status = codec.json().valueToTree(reason.status());
            return ProtobufEncoder.watchFrame("ERROR", protobuf.status(status).bytes());
        }
        return frame("ERROR", codec.toJson(reason.status()));
    }

    private byte[] protobufFrame(String eventType, ObjectNode object) {
        ProtobufEncoder.Body body = protobuf.object(type.apiVersion(), type.kind(), object);
        if (!body.droppedFields().isEmpty()) {
            JsonNode metadata = object.path("metadata");
            log.warn("{} {}/{} went to a protobuf watch without the fields {}: the protobuf schema does not know them",
                    type.kind(), metadata.path("namespace").asText(""), metadata.path("name").asText(""),
                    body.droppedFields());
        }
        return ProtobufEncoder.watchFrame(eventType, body.bytes());
    }

    private static byte[] frame(String eventType, byte[] objectJson) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(objectJson.length + 40);
        byte[] head = ("{\"type\":\"" + eventType + "\"").getBytes(StandardCharsets.UTF_8);
        out.writeBytes(head);
        out.writeBytes(OBJECT_FIELD);
        out.writeBytes(objectJson);
        out.writeBytes(END);
        return out.toByteArray();
    }

}
