package dev.keel.api.codec.protobuf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one proto2 message of the {@link ProtoSchema} off the wire and writes the JSON object Go's encoding/json would
 * write for the same Go struct: fields in struct order, zero scalars left out unless the field keeps them, nested
 * messages as objects (present means written, as Go writes every non-pointer struct), inlined structs merged into
 * their parent, lists as arrays, maps as objects. Field numbers the schema does not know are skipped, the way
 * Kubernetes drops unknown fields.
 */
final class MessageDecoder {

    /** Far deeper than any Kubernetes object nests; stops hostile bodies from exhausting the stack. */
    private static final int MAX_DEPTH = 64;

    private final ProtoSchema schema;
    private final KubernetesValues values;
    private final JsonNodeFactory nodes;

    MessageDecoder(ProtoSchema schema, ObjectMapper json) {
        this.schema = schema;
        this.values = new KubernetesValues(json);
        this.nodes = json.getNodeFactory();
    }

    /** The JSON object for {@code bytes} read as {@code message}; paths in errors start at {@code path}. */
    ObjectNode decode(MessageSpec message, ByteString bytes, String path) {
        return decode(message, bytes, path, 0);
    }

    private ObjectNode decode(MessageSpec message, ByteString bytes, String path, int depth) {
        if (depth > MAX_DEPTH) {
            throw new ProtobufDecodingException(path, "messages are nested more than " + MAX_DEPTH + " deep");
        }
        Map<FieldSpec, FieldValues> read = read(message, bytes, path);
        ObjectNode object = nodes.objectNode();
        for (FieldSpec field : message.fields()) {
            FieldValues fieldValues = read.get(field);
            if (fieldValues != null) {
                write(object, field, fieldValues, path, depth);
            }
        }
        return object;
    }

    private Map<FieldSpec, FieldValues> read(MessageSpec message, ByteString bytes, String path) {
        Map<FieldSpec, FieldValues> read = new HashMap<>();
        CodedInputStream in = bytes.newCodedInput();
        try {
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                FieldSpec field = message.field(WireFormat.getTagFieldNumber(tag));
                if (field == null) {
                    if (!in.skipField(tag)) {
                        throw new InvalidProtocolBufferException("unexpected end-group tag " + WireFormat.getTagFieldNumber(tag));
                    }
                    continue;
                }
                readField(in, tag, field, read.computeIfAbsent(field, f -> new FieldValues()));
            }
        } catch (IOException e) {
            throw new ProtobufDecodingException(path, "malformed " + shortName(message) + ": " + e.getMessage(), e);
        }
        return read;
    }

    private static void readField(CodedInputStream in, int tag, FieldSpec field, FieldValues target) throws IOException {
        int wireType = WireFormat.getTagWireType(tag);
        ValueType type = field.type();
        switch (field.cardinality()) {
            case SINGLE -> {
                expectWireType(wireType, type.wireType(), field);
                if (isMessageLike(type)) {
                    target.merge(in.readBytes());
                } else {
                    target.set(readScalar(in, type));
                }
            }
            case LIST -> {
                if (type.numeric() && wireType == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                    // A packed list: proto2 senders may pack repeated numbers even when Kubernetes' own do not.
                    int limit = in.pushLimit(in.readRawVarint32());
                    while (!in.isAtEnd()) {
                        target.add(readScalar(in, type));
                    }
                    in.popLimit(limit);
                } else {
                    expectWireType(wireType, type.wireType(), field);
                    target.add(isMessageLike(type) ? in.readBytes() : readScalar(in, type));
                }
            }
            case MAP -> {
                expectWireType(wireType, WireFormat.WIRETYPE_LENGTH_DELIMITED, field);
                readMapEntry(in.readBytes(), field, target);
            }
            default -> throw new IllegalStateException("unhandled cardinality " + field.cardinality());
        }
    }

    /** A map entry is a message {key = 1, value = 2}; a missing part is its zero value, as in Go. */
    private static void readMapEntry(ByteString entry, FieldSpec field, FieldValues target) throws IOException {
        String key = "";
        Object value = null;
        CodedInputStream in = entry.newCodedInput();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            int number = WireFormat.getTagFieldNumber(tag);
            if (number == 1) {
                expectWireType(WireFormat.getTagWireType(tag), WireFormat.WIRETYPE_LENGTH_DELIMITED, field);
                key = in.readString();
            } else if (number == 2) {
                expectWireType(WireFormat.getTagWireType(tag), field.type().wireType(), field);
                value = isMessageLike(field.type()) ? in.readBytes() : readScalar(in, field.type());
            } else if (!in.skipField(tag)) {
                throw new InvalidProtocolBufferException("unexpected end-group tag " + number);
            }
        }
        target.put(key, value != null ? value : zero(field.type()));
    }

    private void write(ObjectNode object, FieldSpec field, FieldValues read, String path, int depth) {
        String fieldPath = path.isEmpty() ? field.jsonName() : path + "." + field.jsonName();
        switch (field.cardinality()) {
            case SINGLE -> {
                Object value = read.single();
                if (field.inline()) {
                    // json:",inline": the embedded struct's fields belong to this object, at this path.
                    object.setAll(decode(schema.message(field.messageName()), (ByteString) value, path, depth + 1));
                } else if (field.keepZero() || !isZero(field.type(), value)) {
                    object.set(field.jsonName(), toJson(field, value, fieldPath, depth));
                }
            }
            case LIST -> {
                ArrayNode array = object.putArray(field.jsonName());
                List<Object> list = read.list();
                for (int i = 0; i < list.size(); i++) {
                    array.add(toJson(field, list.get(i), fieldPath + "[" + i + "]", depth));
                }
            }
            case MAP -> {
                ObjectNode map = object.putObject(field.jsonName());
                read.map().forEach((key, value) -> map.set(key, toJson(field, value, fieldPath + "[" + key + "]", depth)));
            }
            default -> throw new IllegalStateException("unhandled cardinality " + field.cardinality());
        }
    }

    private JsonNode toJson(FieldSpec field, Object value, String path, int depth) {
        return switch (field.type()) {
            case STRING -> nodes.textNode((String) value);
            case INT32 -> nodes.numberNode((Integer) value);
            case INT64 -> integer((Long) value);
            case BOOL -> nodes.booleanNode((Boolean) value);
            case DOUBLE -> nodes.numberNode((Double) value);
            case BYTES -> nodes.textNode(Base64.getEncoder().encodeToString(((ByteString) value).toByteArray()));
            case MESSAGE -> decode(schema.message(field.messageName()), (ByteString) value, path, depth + 1);
            case TIME, MICRO_TIME, QUANTITY, INT_OR_STRING, FIELDS_V1 -> values.toJson(field.type(), (ByteString) value, path);
        };
    }

    /** An int64 that fits an int becomes an int node, as Jackson reads the same number from JSON. */
    private JsonNode integer(long value) {
        return value == (int) value ? nodes.numberNode((int) value) : nodes.numberNode(value);
    }

    private static Object readScalar(CodedInputStream in, ValueType type) throws IOException {
        return switch (type) {
            case STRING -> in.readString();
            case INT32 -> in.readInt32();
            case INT64 -> in.readInt64();
            case BOOL -> in.readBool();
            case DOUBLE -> in.readDouble();
            case BYTES -> in.readBytes();
            default -> throw new IllegalArgumentException(type + " is not a scalar");
        };
    }

    private static Object zero(ValueType type) {
        return switch (type) {
            case STRING -> "";
            case INT32 -> 0;
            case INT64 -> 0L;
            case BOOL -> false;
            case DOUBLE -> 0.0;
            default -> ByteString.EMPTY;
        };
    }

    /** Go's omitempty zero for scalars and byte slices; messages are structs, which omitempty never drops. */
    private static boolean isZero(ValueType type, Object value) {
        if (isMessageLike(type)) {
            return false;
        }
        if (value instanceof ByteString bytes) {
            return bytes.isEmpty();
        }
        if (value instanceof String s) {
            return s.isEmpty();
        }
        if (value instanceof Integer i) {
            return i == 0;
        }
        if (value instanceof Long l) {
            return l == 0L;
        }
        if (value instanceof Boolean b) {
            return !b;
        }
        if (value instanceof Double d) {
            return d == 0.0;
        }
        return false;
    }

    /** Length-delimited values other than strings and bytes: read later, by their own message rules. */
    private static boolean isMessageLike(ValueType type) {
        return type.wireType() == WireFormat.WIRETYPE_LENGTH_DELIMITED && type != ValueType.STRING && type != ValueType.BYTES;
    }

    private static void expectWireType(int actual, int expected, FieldSpec field) throws InvalidProtocolBufferException {
        if (actual != expected) {
            throw new InvalidProtocolBufferException("field " + field.jsonName() + " (" + field.number() + ") is a "
                    + field.type().schemaName() + " but has wire type " + actual + " instead of " + expected);
        }
    }

    private static String shortName(MessageSpec message) {
        return message.name().substring(message.name().lastIndexOf('.') + 1);
    }
}
