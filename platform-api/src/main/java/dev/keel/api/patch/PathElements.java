package dev.keel.api.patch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The path elements of managed fields, kept in their FieldsV1 spelling: {@code f:name} for an object field,
 * {@code k:{"name":"web"}} for an item of a keyed list, {@code v:"value"} for a member of a set and
 * {@code i:3} for a list index.
 */
final class PathElements {

    static final String FIELD = "f:";
    static final String KEY = "k:";
    static final String VALUE = "v:";
    static final String INDEX = "i:";

    private PathElements() {
    }

    static String field(String name) {
        return FIELD + name;
    }

    static String key(ObjectNode keyFields) {
        return KEY + JsonValues.canonical(keyFields);
    }

    static String value(JsonNode scalar) {
        return VALUE + JsonValues.canonical(scalar);
    }

    static boolean isField(String element) {
        return element.startsWith(FIELD);
    }

    static String fieldName(String element) {
        return element.substring(FIELD.length());
    }

    static boolean isValid(String element) {
        return element.startsWith(FIELD) || element.startsWith(KEY) || element.startsWith(VALUE) || element.startsWith(INDEX);
    }

    /** The path as Kubernetes prints it in conflicts: {@code .spec.containers[name="web"].image}. */
    static String describe(List<String> path) {
        StringBuilder text = new StringBuilder();
        for (String element : path) {
            String body = element.substring(2);
            if (element.startsWith(FIELD)) {
                text.append('.').append(body);
            } else if (element.startsWith(VALUE)) {
                text.append("[=").append(body).append(']');
            } else if (element.startsWith(INDEX)) {
                text.append('[').append(body).append(']');
            } else {
                text.append('[').append(describeKey(body)).append(']');
            }
        }
        return text.toString();
    }

    private static String describeKey(String json) {
        try {
            JsonNode keys = JsonValues.parse(json);
            StringBuilder text = new StringBuilder();
            for (Iterator<Map.Entry<String, JsonNode>> it = keys.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> key = it.next();
                if (!text.isEmpty()) {
                    text.append(',');
                }
                text.append(key.getKey()).append('=').append(JsonValues.canonical(key.getValue()));
            }
            return text.toString();
        } catch (JsonProcessingException e) {
            // A key that is not JSON came from a hand-written managedFields entry; show it as stored.
            return json;
        }
    }
}
