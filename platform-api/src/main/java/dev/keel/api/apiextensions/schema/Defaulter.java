package dev.keel.api.apiextensions.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Schema defaults as apiextensions' defaulting package applies them: an object's missing properties, and those set
 * to null without {@code nullable: true}, get their default; then every value is visited (a default's own inner
 * defaults included), array items and additional properties too. Afterwards nulls of non-nullable fields without a
 * default are dropped ({@code PruneNonNullableNullsWithoutDefaults}), so they read as absent.
 */
final class Defaulter {

    private Defaulter() {
    }

    static void applyRoot(SchemaNode root, ObjectNode object) {
        apply(root, object, true);
        dropNonNullableNulls(root, object);
    }

    private static void apply(SchemaNode schema, JsonNode value, boolean root) {
        if (schema == null || value == null) {
            return;
        }
        if (value.isObject()) {
            ObjectNode object = (ObjectNode) value;
            for (Map.Entry<String, SchemaNode> property : schema.properties.entrySet()) {
                if (root && property.getKey().equals("metadata")) {
                    continue;
                }
                SchemaNode prop = property.getValue();
                JsonNode current = object.get(property.getKey());
                if (prop.hasDefault() && (current == null || isNonNullableNull(current, prop))) {
                    object.set(property.getKey(), prop.defaultValue.deepCopy());
                }
            }
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                if (root && name.equals("metadata")) {
                    continue;
                }
                SchemaNode declared = schema.properties.get(name);
                if (declared != null) {
                    apply(declared, object.get(name), false);
                } else if (schema.additionalProperties != null) {
                    if (isNonNullableNull(object.get(name), schema.additionalProperties)
                            && schema.additionalProperties.hasDefault()) {
                        object.set(name, schema.additionalProperties.defaultValue.deepCopy());
                    }
                    apply(schema.additionalProperties, object.get(name), false);
                }
            }
        } else if (value.isArray() && schema.items != null) {
            ArrayNode array = (ArrayNode) value;
            for (int i = 0; i < array.size(); i++) {
                if (isNonNullableNull(array.get(i), schema.items) && schema.items.hasDefault()) {
                    array.set(i, schema.items.defaultValue.deepCopy());
                }
                apply(schema.items, array.get(i), false);
            }
        }
    }

    private static boolean isNonNullableNull(JsonNode value, SchemaNode schema) {
        return value != null && value.isNull() && !schema.nullable;
    }

    private static void dropNonNullableNulls(SchemaNode schema, JsonNode value) {
        if (schema == null || value == null) {
            return;
        }
        if (value.isObject()) {
            ObjectNode object = (ObjectNode) value;
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                SchemaNode child = schema.child(name);
                if (child == null) {
                    continue;
                }
                JsonNode field = object.get(name);
                if (field.isNull() && !child.nullable && !child.hasDefault()) {
                    object.remove(name);
                } else {
                    dropNonNullableNulls(child, field);
                }
            }
        } else if (value.isArray()) {
            value.forEach(item -> dropNonNullableNulls(schema.items, item));
        }
    }
}
