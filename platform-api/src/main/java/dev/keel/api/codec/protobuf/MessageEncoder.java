package dev.keel.api.codec.protobuf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The reverse of {@link MessageDecoder}: writes the proto2 message of the {@link ProtoSchema} for a JSON object, the
 * bytes Go's generated Marshal writes for the same struct. Fields go out in field-number order, map entries sorted by
 * key; a field absent or null in JSON is left out (the reader then sees the Go zero value, which is what an omitted
 * non-pointer field means and what a nil pointer is). JSON fields the schema does not know, and values of the wrong
 * JSON type, are left out as well and reported to the caller, which decides how loudly to say so.
 */
final class MessageEncoder {

    private static final int MAX_DEPTH = 64;

    private final ProtoSchema schema;
    private final KubernetesValues values;
    private final Map<String, MessageLayout> layouts = new ConcurrentHashMap<>();

    MessageEncoder(ProtoSchema schema, ObjectMapper json) {
        this.schema = schema;
        this.values = new KubernetesValues(json);
    }

    /**
     * The message bytes for {@code object}; fields named in {@code skipped} (top-level only, e.g. kind and apiVersion,
     * which the envelope carries) are neither written nor reported. Paths of dropped fields are added to
     * {@code dropped}.
     */
    byte[] encode(MessageSpec message, ObjectNode object, Set<String> skipped, List<String> dropped) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        try {
            write(out, message, object, "", skipped, dropped, 0, true);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return bytes.toByteArray();
    }

    private void write(CodedOutputStream out, MessageSpec message, ObjectNode object, String path, Set<String> skipped,
            List<String> dropped, int depth, boolean reportUnknown) throws IOException {
        if (depth > MAX_DEPTH) {
            dropped.add(path + " (nested more than " + MAX_DEPTH + " deep)");
            return;
        }
        MessageLayout layout = layout(message);
        for (FieldSpec field : layout.byNumber()) {
            if (field.inline()) {
                // json:",inline": the embedded struct's fields live in this same JSON object.
                MessageSpec inlined = schema.message(field.messageName());
                out.writeByteArray(field.number(), nested(inlined, object, path, Set.of(), dropped, depth + 1, false));
                continue;
            }
            JsonNode value = object.get(field.jsonName());
            if (value == null || value.isNull()) {
                continue;
            }
            String fieldPath = join(path, field.jsonName());
            switch (field.cardinality()) {
                case SINGLE -> writeValue(out, field, field.number(), value, fieldPath, dropped, depth);
                case LIST -> {
                    if (!value.isArray()) {
                        dropped.add(fieldPath + " (not a list)");
                        continue;
                    }
                    for (int i = 0; i < value.size(); i++) {
                        JsonNode element = value.get(i);
                        if (element == null || element.isNull()) {
                            dropped.add(fieldPath + "[" + i + "] (null)");
                            continue;
                        }
                        writeValue(out, field, field.number(), element, fieldPath + "[" + i + "]", dropped, depth);
                    }
                }
                case MAP -> writeMap(out, field, value, fieldPath, dropped, depth);
                default -> throw new IllegalStateException("unhandled cardinality " + field.cardinality());
            }
        }
        if (!reportUnknown) {
            return;
        }
        Iterator<String> names = object.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!layout.jsonNames().contains(name) && !skipped.contains(name) && !object.get(name).isNull()) {
                dropped.add(join(path, name));
            }
        }
    }

    /** A map is a repeated entry message {key = 1, value = 2}, sorted by key as Go writes it. */
    private void writeMap(CodedOutputStream out, FieldSpec field, JsonNode value, String path, List<String> dropped,
            int depth) throws IOException {
        if (!value.isObject()) {
            dropped.add(path + " (not an object)");
            return;
        }
        Map<String, JsonNode> sorted = new TreeMap<>();
        value.fields().forEachRemaining(entry -> sorted.put(entry.getKey(), entry.getValue()));
        for (Map.Entry<String, JsonNode> entry : sorted.entrySet()) {
            String entryPath = path + "[" + entry.getKey() + "]";
            if (entry.getValue() == null || entry.getValue().isNull()) {
                dropped.add(entryPath + " (null)");
                continue;
            }
            ByteArrayOutputStream entryBytes = new ByteArrayOutputStream();
            CodedOutputStream entryOut = CodedOutputStream.newInstance(entryBytes);
            entryOut.writeString(1, entry.getKey());
            writeValue(entryOut, field, 2, entry.getValue(), entryPath, dropped, depth);
            entryOut.flush();
            out.writeByteArray(field.number(), entryBytes.toByteArray());
        }
    }

    private void writeValue(CodedOutputStream out, FieldSpec field, int number, JsonNode value, String path,
            List<String> dropped, int depth) throws IOException {
        switch (field.type()) {
            case STRING -> {
                if (value.isTextual()) {
                    out.writeString(number, value.textValue());
                } else {
                    dropped.add(path + " (not a string)");
                }
            }
            case INT32 -> {
                if (value.isIntegralNumber() && value.canConvertToInt()) {
                    out.writeInt32(number, value.intValue());
                } else {
                    dropped.add(path + " (not an int32)");
                }
            }
            case INT64 -> {
                if (value.isIntegralNumber() && value.canConvertToLong()) {
                    out.writeInt64(number, value.longValue());
                } else {
                    dropped.add(path + " (not an int64)");
                }
            }
            case BOOL -> {
                if (value.isBoolean()) {
                    out.writeBool(number, value.booleanValue());
                } else {
                    dropped.add(path + " (not a boolean)");
                }
            }
            case DOUBLE -> {
                if (value.isNumber()) {
                    out.writeDouble(number, value.doubleValue());
                } else {
                    dropped.add(path + " (not a number)");
                }
            }
            case BYTES -> {
                byte[] decoded = base64(value);
                if (decoded != null) {
                    out.writeByteArray(number, decoded);
                } else {
                    dropped.add(path + " (not base64)");
                }
            }
            case MESSAGE -> {
                if (value.isObject()) {
                    out.writeByteArray(number, nested(schema.message(field.messageName()), (ObjectNode) value, path,
                            Set.of(), dropped, depth + 1, true));
                } else {
                    dropped.add(path + " (not an object)");
                }
            }
            case TIME, MICRO_TIME, QUANTITY, INT_OR_STRING, FIELDS_V1 -> {
                ByteString encoded = values.toProto(field.type(), value);
                if (encoded != null) {
                    out.writeBytes(number, encoded);
                } else {
                    dropped.add(path + " (not a " + field.type().schemaName() + ")");
                }
            }
            default -> throw new IllegalStateException("unhandled type " + field.type());
        }
    }

    private byte[] nested(MessageSpec message, ObjectNode object, String path, Set<String> skipped, List<String> dropped,
            int depth, boolean reportUnknown) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        // An inlined struct shares its parent's JSON object: the parent reports the names neither of them knows.
        write(out, message, object, path, skipped, dropped, depth, reportUnknown);
        out.flush();
        return bytes.toByteArray();
    }

    private static byte[] base64(JsonNode value) {
        if (!value.isTextual()) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(value.textValue());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private MessageLayout layout(MessageSpec message) {
        return layouts.computeIfAbsent(message.name(), name -> {
            List<FieldSpec> byNumber = new ArrayList<>(message.fields());
            byNumber.sort(Comparator.comparingInt(FieldSpec::number));
            Set<String> jsonNames = new HashSet<>();
            collectJsonNames(message, jsonNames);
            return new MessageLayout(List.copyOf(byNumber), Set.copyOf(jsonNames));
        });
    }

    /** The JSON names a message's object may hold: its own fields and those of the structs it inlines. */
    private void collectJsonNames(MessageSpec message, Set<String> names) {
        for (FieldSpec field : message.fields()) {
            if (field.inline()) {
                collectJsonNames(schema.message(field.messageName()), names);
            } else {
                names.add(field.jsonName());
            }
        }
    }

    /** A message's fields in wire order and the JSON names its object may hold. */
    private record MessageLayout(List<FieldSpec> byNumber, Set<String> jsonNames) {
    }
}
