package dev.keel.api.codec.protobuf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Answers in {@value ProtobufBodyDecoder#MEDIA_TYPE}, as kube-apiserver does for the built-in kinds: objects, lists and
 * Status as {@code k8s\0} + runtime.Unknown, and watch events as length-prefixed frames of a metav1.WatchEvent whose
 * object is itself such an envelope ({@value #WATCH_MEDIA_TYPE}).
 *
 * <p>Objects come as the JSON platform-api stores; the schema of this package turns them into the messages Go
 * clients decode. A stored field the schema does not know is left out and named in {@link Body#droppedFields()}.
 */
public final class ProtobufEncoder {

    public static final String MEDIA_TYPE = ProtobufBodyDecoder.MEDIA_TYPE;
    /** The media type of a protobuf watch response. */
    public static final String WATCH_MEDIA_TYPE = MEDIA_TYPE + ";stream=watch";

    private static final String META = "k8s.io.apimachinery.pkg.apis.meta.v1.";
    private static final Set<String> TYPE_FIELDS = Set.of("kind", "apiVersion");

    private final ProtoSchema schema;
    private final MessageEncoder messages;

    public ProtobufEncoder(ObjectMapper json) {
        this(KubernetesSchema.get(), json);
    }

    ProtobufEncoder(ProtoSchema schema, ObjectMapper json) {
        this.schema = schema;
        this.messages = new MessageEncoder(schema, json);
    }

    /**
     * An encoded body.
     *
     * @param bytes         what goes on the wire
     * @param droppedFields JSON paths of stored fields the protobuf form has no place for (empty normally)
     */
    public record Body(byte[] bytes, List<String> droppedFields) {
    }

    /** Whether objects of this kind have a protobuf form here (custom resources, for one, have none). */
    public boolean supports(String apiVersion, String kind) {
        return schema.kind(apiVersion, kind).isPresent();
    }

    /** One object of a supported kind. */
    public Body object(String apiVersion, String kind, ObjectNode object) {
        MessageSpec message = message(apiVersion, kind);
        List<String> dropped = new ArrayList<>();
        byte[] raw = messages.encode(message, object, TYPE_FIELDS, dropped);
        return new Body(KubernetesEnvelope.write(apiVersion, kind, raw), dropped);
    }

    /**
     * A list of objects of a supported kind: the XxxList message {metadata ListMeta = 1, items = 2}, which every
     * Kubernetes list kind shares.
     */
    public Body list(String apiVersion, String itemKind, String listKind, ObjectNode listMetadata, List<ObjectNode> items) {
        MessageSpec item = message(apiVersion, itemKind);
        List<String> dropped = new ArrayList<>();
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(raw);
        try {
            out.writeByteArray(1, messages.encode(schema.message(META + "ListMeta"), listMetadata, Set.of(), dropped));
            for (int i = 0; i < items.size(); i++) {
                List<String> itemDropped = new ArrayList<>();
                out.writeByteArray(2, messages.encode(item, items.get(i), TYPE_FIELDS, itemDropped));
                for (String path : itemDropped) {
                    dropped.add("items[" + i + "]." + path);
                }
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return new Body(KubernetesEnvelope.write(apiVersion, listKind, raw.toByteArray()), dropped);
    }

    /** A meta/v1 Status (given as its JSON), which Kubernetes writes as apiVersion v1 in every group. */
    public Body status(JsonNode status) {
        if (!(status instanceof ObjectNode object)) {
            throw new IllegalArgumentException("a Status must be a JSON object");
        }
        List<String> dropped = new ArrayList<>();
        byte[] raw = messages.encode(schema.message(META + "Status"), object, TYPE_FIELDS, dropped);
        return new Body(KubernetesEnvelope.write("v1", "Status", raw), dropped);
    }

    /**
     * One frame of a protobuf watch: a 4-byte big-endian length, then the metav1.WatchEvent {type = 1, object = 2}
     * without an envelope of its own, whose object is a runtime.RawExtension {raw = 1} holding {@code object}, an
     * enveloped object or Status.
     */
    public static byte[] watchFrame(String type, byte[] object) {
        ByteArrayOutputStream event = new ByteArrayOutputStream(object.length + type.length() + 16);
        try {
            ByteArrayOutputStream extension = new ByteArrayOutputStream(object.length + 8);
            CodedOutputStream extensionOut = CodedOutputStream.newInstance(extension);
            extensionOut.writeByteArray(1, object);
            extensionOut.flush();
            CodedOutputStream out = CodedOutputStream.newInstance(event);
            out.writeString(1, type);
            out.writeByteArray(2, extension.toByteArray());
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        int length = event.size();
        ByteArrayOutputStream frame = new ByteArrayOutputStream(length + 4);
        frame.write(length >>> 24);
        frame.write(length >>> 16);
        frame.write(length >>> 8);
        frame.write(length);
        frame.writeBytes(event.toByteArray());
        return frame.toByteArray();
    }

    private MessageSpec message(String apiVersion, String kind) {
        return schema.kind(apiVersion, kind).orElseThrow(() ->
                new IllegalArgumentException("kind \"" + kind + "\" of \"" + apiVersion + "\" has no protobuf form"));
    }
}
