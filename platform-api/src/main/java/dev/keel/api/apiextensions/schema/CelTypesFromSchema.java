package dev.keel.api.apiextensions.schema;

import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;

/**
 * The CEL type of {@code self} for a schema node. Objects with declared properties are {@code map(string, dyn)}
 * (field names are checked at evaluation, not compilation: a missing field is "no such key"), objects with
 * additional properties {@code map(string, V)}, int-or-string and untyped values {@code dyn}.
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
            case "string" -> SimpleType.STRING;
            case "integer" -> SimpleType.INT;
            case "number" -> SimpleType.DOUBLE;
            case "boolean" -> SimpleType.BOOL;
            default -> SimpleType.DYN;
        };
    }
}
