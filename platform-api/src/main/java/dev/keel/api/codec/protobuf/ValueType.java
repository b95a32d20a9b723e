package dev.keel.api.codec.protobuf;

import com.google.protobuf.WireFormat;

/**
 * What a field holds on the wire and how it turns into JSON. The last five are Kubernetes messages whose JSON form is
 * not an object (a timestamp string, a quantity string, a number-or-string, raw JSON), so they are values here.
 */
enum ValueType {
    STRING("string", WireFormat.WIRETYPE_LENGTH_DELIMITED),
    INT32("int32", WireFormat.WIRETYPE_VARINT),
    INT64("int64", WireFormat.WIRETYPE_VARINT),
    BOOL("bool", WireFormat.WIRETYPE_VARINT),
    DOUBLE("double", WireFormat.WIRETYPE_FIXED64),
    /** Go {@code []byte}: base64 in JSON. */
    BYTES("bytes", WireFormat.WIRETYPE_LENGTH_DELIMITED),
    /** A nested message described by the schema. */
    MESSAGE(null, WireFormat.WIRETYPE_LENGTH_DELIMITED),
    /** metav1.Time: {seconds, nanos}, JSON RFC 3339 with whole seconds, null when unset. */
    TIME("Time", WireFormat.WIRETYPE_LENGTH_DELIMITED),
    /** metav1.MicroTime: {seconds, nanos}, JSON RFC 3339 with microseconds, null when unset. */
    MICRO_TIME("MicroTime", WireFormat.WIRETYPE_LENGTH_DELIMITED),
    /** resource.Quantity: {string}, JSON its canonical string. */
    QUANTITY("Quantity", WireFormat.WIRETYPE_LENGTH_DELIMITED),
    /** intstr.IntOrString: {type, intVal, strVal}, JSON a number or a string. */
    INT_OR_STRING("IntOrString", WireFormat.WIRETYPE_LENGTH_DELIMITED),
    /** metav1.FieldsV1: {Raw}, JSON the raw JSON it carries. */
    FIELDS_V1("FieldsV1", WireFormat.WIRETYPE_LENGTH_DELIMITED);

    private final String schemaName;
    private final int wireType;

    ValueType(String schemaName, int wireType) {
        this.schemaName = schemaName;
        this.wireType = wireType;
    }

    /** The wire type of one value; repeated numeric values may also come packed (length-delimited). */
    int wireType() {
        return wireType;
    }

    boolean numeric() {
        return wireType == WireFormat.WIRETYPE_VARINT || wireType == WireFormat.WIRETYPE_FIXED64;
    }

    /** The type a schema line names, or null when the name is a message. */
    static ValueType named(String name) {
        for (ValueType type : values()) {
            if (name.equals(type.schemaName)) {
                return type;
            }
        }
        return null;
    }

    /** The name used in schema lines and error messages. */
    String schemaName() {
        return schemaName == null ? "message" : schemaName;
    }
}
