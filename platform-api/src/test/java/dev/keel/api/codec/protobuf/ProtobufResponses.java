package dev.keel.api.codec.protobuf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads protobuf answers in tests the way client-go does: the envelope names the kind, objects and Status decode by
 * the schema, lists as {metadata = 1, items = 2}, watch streams as length-prefixed WatchEvent frames.
 */
public final class ProtobufResponses {

    private static final String META = "k8s.io.apimachinery.pkg.apis.meta.v1.";

    private final ProtoSchema schema = KubernetesSchema.get();
    private final MessageDecoder messages;
    private final ObjectMapper json;

    public ProtobufResponses(ObjectMapper json) {
        this.json = json;
        this.messages = new MessageDecoder(schema, json);
    }

    /** One enveloped object, list or Status as JSON with {@code kind} and {@code apiVersion} from the envelope. */
    public ObjectNode decode(byte[] body) {
        KubernetesEnvelope envelope = KubernetesEnvelope.parse(body);
        ObjectNode result = json.createObjectNode();
        result.put("kind", envelope.kind());
        result.put("apiVersion", envelope.apiVersion());
        if (envelope.kind().equals("Status")) {
            result.setAll(messages.decode(schema.message(META + "Status"), envelope.raw(), ""));
        } else if (envelope.kind().endsWith("List")) {
            String itemKind = envelope.kind().substring(0, envelope.kind().length() - "List".length());
            MessageSpec item = schema.kind(envelope.apiVersion(), itemKind).orElseThrow();
            result.setAll(list(envelope.raw(), item));
        } else {
            result.setAll(messages.decode(schema.kind(envelope.apiVersion(), envelope.kind()).orElseThrow(),
                    envelope.raw(), ""));
        }
        return result;
    }

    /** The events of a protobuf watch stream read so far: {"type": ..., "object": {...}} each. */
    public List<ObjectNode> watchEvents(byte[] stream) {
        List<ObjectNode> events = new ArrayList<>();
        ByteBuffer buffer = ByteBuffer.wrap(stream);
        while (buffer.remaining() >= 4) {
            int length = buffer.getInt();
            if (buffer.remaining() < length) {
                break;
            }
            byte[] frame = new byte[length];
            buffer.get(frame);
            events.add(watchEvent(frame));
        }
        return events;
    }

    private ObjectNode watchEvent(byte[] frame) {
        ObjectNode event = json.createObjectNode();
        try {
            CodedInputStream in = CodedInputStream.newInstance(frame);
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                switch (WireFormat.getTagFieldNumber(tag)) {
                    case 1 -> event.put("type", in.readString());
                    case 2 -> {
                        CodedInputStream extension = in.readBytes().newCodedInput();
                        for (int inner = extension.readTag(); inner != 0; inner = extension.readTag()) {
                            if (WireFormat.getTagFieldNumber(inner) == 1) {
                                event.set("object", decode(extension.readBytes().toByteArray()));
                            } else {
                                extension.skipField(inner);
                            }
                        }
                    }
                    default -> in.skipField(tag);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("not a WatchEvent frame", e);
        }
        return event;
    }

    private ObjectNode list(ByteString raw, MessageSpec item) {
        ObjectNode list = json.createObjectNode();
        ArrayNode items = json.createArrayNode();
        try {
            CodedInputStream in = raw.newCodedInput();
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                switch (WireFormat.getTagFieldNumber(tag)) {
                    case 1 -> list.set("metadata", messages.decode(schema.message(META + "ListMeta"), in.readBytes(), ""));
                    case 2 -> items.add(messages.decode(item, in.readBytes(), ""));
                    default -> in.skipField(tag);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("not a list message", e);
        }
        list.set("items", items);
        return list;
    }

    /** A protobuf request body for {@code object} (a JSON tree with kind and apiVersion), as client-go sends it. */
    public byte[] encode(ObjectNode object) {
        String apiVersion = object.path("apiVersion").asText();
        String kind = object.path("kind").asText();
        MessageSpec message = kind.equals("DeleteOptions") ? schema.message(META + "DeleteOptions")
                : schema.kind(apiVersion, kind).orElseThrow();
        byte[] raw = new MessageEncoder(schema, json).encode(message, object, java.util.Set.of("kind", "apiVersion"),
                new ArrayList<>());
        return KubernetesEnvelope.write(apiVersion, kind, raw);
    }
}
