package dev.keel.api.apiextensions.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@code x-kubernetes-list-type} invariants (apiextensions' listtype package): a {@code set} holds no item twice, a
 * {@code map} no two items with the same {@code x-kubernetes-list-map-keys}. Each repeat is a {@code Duplicate value}
 * at its index.
 */
final class ListTypeValidator {

    private ListTypeValidator() {
    }

    static void validate(SchemaNode root, JsonNode object, SchemaCauses out) {
        StructureWalker.walk(root, object, "", (schema, value, path) -> {
            if (!value.isArray() || schema.listType == null) {
                return;
            }
            if (schema.listType.equals("set")) {
                checkSet(value, path, out);
            } else if (schema.listType.equals("map") && !schema.listMapKeys.isEmpty()) {
                checkMap(schema, value, path, out);
            }
        });
    }

    private static void checkSet(JsonNode list, String path, SchemaCauses out) {
        List<JsonNode> seen = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            if (seen.stream().anyMatch(s -> JsonValues.equal(s, item))) {
                out.duplicate(FieldPaths.index(path, i), SchemaCauses.value(item));
            } else {
                seen.add(item);
            }
        }
    }

    private static void checkMap(SchemaNode schema, JsonNode list, String path, SchemaCauses out) {
        List<List<JsonNode>> seen = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            if (!item.isObject()) {
                continue;
            }
            List<JsonNode> keys = new ArrayList<>();
            for (String key : schema.listMapKeys) {
                keys.add(keyValue(schema, item, key));
            }
            boolean repeated = seen.stream().anyMatch(other -> sameKeys(other, keys));
            if (repeated) {
                out.duplicate(FieldPaths.index(path, i), new SchemaCauses.Printed(goMap(schema.listMapKeys, keys)));
            } else {
                seen.add(keys);
            }
        }
    }

    /** A missing key counts as its schema default (the defaulting step normally filled it in already). */
    private static JsonNode keyValue(SchemaNode schema, JsonNode item, String key) {
        JsonNode value = item.get(key);
        if (value == null && schema.items != null) {
            SchemaNode keySchema = schema.items.properties.get(key);
            if (keySchema != null && keySchema.hasDefault()) {
                return keySchema.defaultValue;
            }
        }
        return value;
    }

    private static boolean sameKeys(List<JsonNode> a, List<JsonNode> b) {
        for (int k = 0; k < a.size(); k++) {
            JsonNode x = a.get(k);
            JsonNode y = b.get(k);
            if (x == null || y == null ? x != y : !JsonValues.equal(x, y)) {
                return false;
            }
        }
        return true;
    }

    /** Go's {@code %#v} of the keys map kube-apiserver prints: {@code map[string]interface {}{"name":"a"}}. */
    private static String goMap(List<String> names, List<JsonNode> values) {
        TreeMap<String, String> sorted = new TreeMap<>();
        for (int k = 0; k < names.size(); k++) {
            JsonNode v = values.get(k);
            if (v != null) {
                sorted.put(names.get(k), v.isTextual() ? v.toString() : SchemaCauses.value(v).toString());
            }
        }
        return sorted.entrySet().stream().map(e -> "\"" + e.getKey() + "\":" + e.getValue())
                .collect(Collectors.joining(", ", "map[string]interface {}{", "}"));
    }
}
