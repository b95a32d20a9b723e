package dev.keel.api.codec.protobuf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * The Kubernetes messages whose JSON form is a single value, converted the way their Go MarshalJSON does:
 * metav1.Time and MicroTime (RFC 3339 in UTC, null when unset), resource.Quantity (its string),
 * intstr.IntOrString (a number or a string) and metav1.FieldsV1 (the raw JSON it holds); and back, as their Go
 * Marshal writes them.
 */
final class KubernetesValues {

    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MICROS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    /** Go's zero time.Time, which marshals as null however it arrived. */
    private static final Instant GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

    private final ObjectMapper json;
    private final JsonNodeFactory nodes;

    KubernetesValues(ObjectMapper json) {
        this.json = json;
        this.nodes = json.getNodeFactory();
    }

    JsonNode toJson(ValueType type, ByteString bytes, String path) {
        try {
            return switch (type) {
                case TIME -> time(bytes, false);
                case MICRO_TIME -> time(bytes, true);
                case QUANTITY -> quantity(bytes, path);
                case INT_OR_STRING -> intOrString(bytes, path);
                case FIELDS_V1 -> fieldsV1(bytes, path);
                default -> throw new IllegalArgumentException(type + " is not a Kubernetes value type");
            };
        } catch (IOException | DateTimeException e) {
            throw new ProtobufDecodingException(path, "malformed " + type.schemaName() + ": " + e.getMessage(), e);
        }
    }

    /** Time drops the nanoseconds (its proto form never carried them to JSON); MicroTime keeps microseconds. */
    private JsonNode time(ByteString bytes, boolean micro) throws IOException {
        if (bytes.isEmpty()) {
            return nodes.nullNode();
        }
        long seconds = 0;
        int nanos = 0;
        CodedInputStream in = bytes.newCodedInput();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> seconds = varint(in, tag).readInt64();
                case 2 -> nanos = varint(in, tag).readInt32();
                default -> skip(in, tag);
            }
        }
        Instant instant = micro ? Instant.ofEpochSecond(seconds, nanos).truncatedTo(ChronoUnit.MICROS)
                : Instant.ofEpochSecond(seconds);
        if (instant.equals(GO_ZERO_TIME)) {
            return nodes.nullNode();
        }
        return nodes.textNode((micro ? MICROS : SECONDS).format(instant));
    }

    private JsonNode quantity(ByteString bytes, String path) throws IOException {
        String value = null;
        CodedInputStream in = bytes.newCodedInput();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (WireFormat.getTagFieldNumber(tag) == 1) {
                value = lengthDelimited(in, tag).toStringUtf8();
            } else {
                skip(in, tag);
            }
        }
        if (value == null) {
            // The zero Quantity, which Go writes as "0".
            return nodes.textNode("0");
        }
        if (value.isEmpty()) {
            throw new ProtobufDecodingException(path, "a quantity must not be an empty string");
        }
        return nodes.textNode(value);
    }

    private JsonNode intOrString(ByteString bytes, String path) throws IOException {
        long type = 0;
        int intVal = 0;
        String strVal = "";
        CodedInputStream in = bytes.newCodedInput();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> type = varint(in, tag).readInt64();
                case 2 -> intVal = varint(in, tag).readInt32();
                case 3 -> strVal = lengthDelimited(in, tag).toStringUtf8();
                default -> skip(in, tag);
            }
        }
        if (type == 0) {
            return nodes.numberNode(intVal);
        }
        if (type == 1) {
            return nodes.textNode(strVal);
        }
        throw new ProtobufDecodingException(path, "IntOrString has the unknown type " + type + " (0 is int, 1 is string)");
    }

    private JsonNode fieldsV1(ByteString bytes, String path) throws IOException {
        ByteString raw = ByteString.EMPTY;
        CodedInputStream in = bytes.newCodedInput();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (WireFormat.getTagFieldNumber(tag) == 1) {
                raw = lengthDelimited(in, tag);
            } else {
                skip(in, tag);
            }
        }
        if (raw.isEmpty()) {
            return nodes.nullNode();
        }
        JsonNode tree = json.readTree(raw.toByteArray());
        if (tree == null || tree.isMissingNode()) {
            throw new ProtobufDecodingException(path, "FieldsV1 holds no JSON");
        }
        return tree;
    }

    /** The proto message of a JSON value of {@code type}, or null when the JSON is not such a value. */
    ByteString toProto(ValueType type, JsonNode value) {
        try {
            return switch (type) {
                case TIME -> timestamp(value, false);
                case MICRO_TIME -> timestamp(value, true);
                case QUANTITY -> value.isTextual() || value.isNumber()
                        ? message(out -> out.writeString(1, value.isTextual() ? value.textValue() : value.asText())) : null;
                case INT_OR_STRING -> intOrString(value);
                case FIELDS_V1 -> value.isContainerNode()
                        ? message(out -> out.writeByteArray(1, json.writeValueAsBytes(value))) : null;
                default -> throw new IllegalArgumentException(type + " is not a Kubernetes value type");
            };
        } catch (IOException e) {
            throw new UncheckedIOException("could not write a " + type.schemaName(), e);
        }
    }

    /** metav1.Time and MicroTime as Timestamp {seconds = 1, nanos = 2}; Time keeps whole seconds as its JSON does. */
    private static ByteString timestamp(JsonNode value, boolean micro) throws IOException {
        if (!value.isTextual()) {
            return null;
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(value.textValue()).toInstant();
        } catch (DateTimeException e) {
            return null;
        }
        Instant written = micro ? instant.truncatedTo(ChronoUnit.MICROS) : instant.truncatedTo(ChronoUnit.SECONDS);
        return message(out -> {
            out.writeInt64(1, written.getEpochSecond());
            out.writeInt32(2, written.getNano());
        });
    }

    /** intstr.IntOrString {type = 1, intVal = 2, strVal = 3}, all three written as Go does. */
    private static ByteString intOrString(JsonNode value) throws IOException {
        if (value.isIntegralNumber() && value.canConvertToInt()) {
            return message(out -> {
                out.writeInt64(1, 0);
                out.writeInt32(2, value.intValue());
                out.writeString(3, "");
            });
        }
        if (value.isTextual()) {
            return message(out -> {
                out.writeInt64(1, 1);
                out.writeInt32(2, 0);
                out.writeString(3, value.textValue());
            });
        }
        return null;
    }

    private static ByteString message(ProtoWriting writing) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        writing.write(out);
        out.flush();
        return ByteString.copyFrom(bytes.toByteArray());
    }

    @FunctionalInterface
    private interface ProtoWriting {
        void write(CodedOutputStream out) throws IOException;
    }

    private static CodedInputStream varint(CodedInputStream in, int tag) throws InvalidProtocolBufferException {
        expect(tag, WireFormat.WIRETYPE_VARINT);
        return in;
    }

    private static ByteString lengthDelimited(CodedInputStream in, int tag) throws IOException {
        expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        return in.readBytes();
    }

    private static void expect(int tag, int wireType) throws InvalidProtocolBufferException {
        if (WireFormat.getTagWireType(tag) != wireType) {
            throw new InvalidProtocolBufferException("field " + WireFormat.getTagFieldNumber(tag) + " has wire type "
                    + WireFormat.getTagWireType(tag) + ", expected " + wireType);
        }
    }

    private static void skip(CodedInputStream in, int tag) throws IOException {
        if (!in.skipField(tag)) {
            throw new InvalidProtocolBufferException("unexpected end-group tag " + WireFormat.getTagFieldNumber(tag));
        }
    }
}
