package dev.keel.api.apiextensions.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.NullValue;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON values as cel-java evaluates them, typed by the schema: {@code number} fields are doubles even when written
 * as {@code 1}, integers longs, objects maps, arrays lists, null {@code NullValue}. One instance per validation
 * remembers what it converted, so rules at nested levels do not convert the same subtree again.
 */
final class CelValuesFromJson {

    private final Map<JsonNode, Object> converted = new IdentityHashMap<>();

    Object of(JsonNode value, SchemaNode schema) {
        if (value == null || value.isNull()) {
            return NullValue.NULL_VALUE;
        }
        if (value.isContainerNode()) {
            Object cached = converted.get(value);
            if (cached != null) {
                return cached;
            }
        }
        Object result;
        if (value.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                map.put(field.getKey(), of(field.getValue(), schema == null ? null : schema.child(field.getKey())));
            }
            result = map;
        } else if (value.isArray()) {
            List<Object> list = new ArrayList<>(value.size());
            for (JsonNode item : value) {
                list.add(of(item, schema == null ? null : schema.items));
            }
            result = list;
        } else if (value.isTextual()) {
            return FormattedStrings.of(value.asText(), schema == null ? null : schema.format);
        } else if (value.isBoolean()) {
            return value.asBoolean();
        } else if (value.isNumber()) {
            boolean asDouble = schema != null && "number".equals(schema.type) || !JsonValues.isIntegral(value);
            return asDouble ? (Object) value.asDouble() : (Object) value.asLong();
        } else {
            return NullValue.NULL_VALUE;
        }
        converted.put(value, result);
        return result;
    }
}
