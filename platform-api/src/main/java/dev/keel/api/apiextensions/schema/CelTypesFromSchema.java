package dev.keel.api.apiextensions.schema;

import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;

/**
 * The CEL type of {@code self} for a schema node. Objects with declared properties are {@code map(string, dyn)}
 * (field names are checked at evaluation, not compilation: a missing field is "no such key"), objects with
 * additional properties {@code map(string, V)}, int-or-string and untyped values {@code dyn}; strings of format
 * {@code date-time}, {@code duration} and {@code byte} are timestamps, durations and bytes.
 */
final class CelTypesFromSchema {

    private CelTypesFromSchema() {
    }

    static CelType of(SchemaNode schema) {
        if (schema == null || schema.intOrString || schema.type == null) {
            return SimpleType.DYN;
        }
        return switch (schema.type) {
            case "object" -> schema.additionalProperties != null && schema.properties.isEmpty()
                    ? MapType.create(SimpleType.STRING, of(schema.additionalProperties))
                    : MapType.create(SimpleType.STRING, SimpleType.DYN);
            case "array" -> ListType.create(of(schema.items));
            case "string" -> stringType(schema.format);
            case "integer" -> SimpleType.INT;
            case "number" -> SimpleType.DOUBLE;
            case "boolean" -> SimpleType.BOOL;
            default -> SimpleType.DYN;
        };
    }

    /** As Kubernetes: date-time strings are timestamps, durations durations, byte strings bytes. */
    private static CelType stringType(String format) {
        if (format == null) {
            return SimpleType.STRING;
        }
        return switch (format) {
            case "date-time", "datetime" -> SimpleType.TIMESTAMP;
            case "duration" -> SimpleType.DURATION;
            case "byte" -> SimpleType.BYTES;
            default -> SimpleType.STRING;
        };
    }
}
