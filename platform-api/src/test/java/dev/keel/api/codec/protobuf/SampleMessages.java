package dev.keel.api.codec.protobuf;

import com.google.protobuf.WireFormat;

/** Bodies with every field of a message set to a plain non-zero value, nested messages filled the same way. */
final class SampleMessages {

    private static final int MAX_DEPTH = 20;

    private SampleMessages() {
    }

    static ProtoBytes filled(ProtoSchema schema, MessageSpec message) {
        return filled(schema, message, 0);
    }

    private static ProtoBytes filled(ProtoSchema schema, MessageSpec message, int depth) {
        ProtoBytes out = ProtoBytes.message();
        if (depth > MAX_DEPTH) {
            return out;
        }
        for (FieldSpec field : message.fields()) {
            switch (field.cardinality()) {
                case SINGLE, LIST -> value(out, schema, field, field.number(), depth);
                case MAP -> {
                    ProtoBytes entry = ProtoBytes.message().string(1, "key");
                    value(entry, schema, field, 2, depth);
                    out.message(field.number(), entry);
                }
                default -> throw new IllegalStateException(field.cardinality().name());
            }
        }
        return out;
    }

    private static void value(ProtoBytes out, ProtoSchema schema, FieldSpec field, int number, int depth) {
        switch (field.type()) {
            case STRING -> out.string(number, "x");
            case INT32, INT64 -> out.varint(number, 1);
            case BOOL -> out.bool(number, true);
            case DOUBLE -> throw new IllegalStateException("no double fields are expected in the schema");
            case BYTES -> out.bytes(number, new byte[] {1});
            case MESSAGE -> out.message(number, filled(schema, schema.message(field.messageName()), depth + 1));
            case TIME -> out.message(number, ProtoBytes.message().varint(1, 1_700_000_000L));
            // Unset (JSON null): fabric8 reads some MicroTimes as ZonedDateTime, which the codec's mapper cannot
            // deserialize from JSON bodies either; the field name is still checked.
            case MICRO_TIME -> out.message(number, ProtoBytes.message());
            case QUANTITY -> out.message(number, ProtoBytes.quantity("1"));
            case INT_OR_STRING -> out.message(number, ProtoBytes.intOrString(1));
            case FIELDS_V1 -> out.message(number, ProtoBytes.message().bytes(1, "{}".getBytes()));
            default -> throw new IllegalStateException(field.type() + " " + WireFormat.WIRETYPE_VARINT);
        }
    }
}
