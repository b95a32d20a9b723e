package dev.keel.api.codec.protobuf;

/**
 * One field of a Kubernetes proto message and its JSON form.
 *
 * @param number      the proto field number
 * @param jsonName    the Go json tag name (equal to the proto name; see {@code inline} for the exception)
 * @param type        the wire and JSON type of one value (of a list element, of a map value)
 * @param messageName the full proto name of the nested message when {@code type} is {@link ValueType#MESSAGE}
 * @param cardinality one value, a list or a map with string keys
 * @param keepZero    a zero value is written to JSON: the Go field is a pointer or has no {@code omitempty}.
 *                    Without it a zero scalar is left out, as Go's {@code omitempty} would.
 * @param inline      the Go field is embedded with {@code json:",inline"}: its fields join the parent object and
 *                    {@code jsonName} is only the proto name
 */
record FieldSpec(int number, String jsonName, ValueType type, String messageName, Cardinality cardinality,
        boolean keepZero, boolean inline) {
}
