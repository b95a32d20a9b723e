package dev.keel.api.codec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Equality of JSON values with JSON (not Java) semantics, as Go compares decoded values: numbers compare by value,
 * so an int 1 read from YAML equals a long 1 or a 1.0 read from JSON. Used by the patch engines and by CRD schema
 * validation ({@code enum}, {@code uniqueItems}, list types, transition rules).
 */
public final class JsonEquality {

    private JsonEquality() {
    }

    /** Whether two values are the same JSON value; null (absent) equals only null. */
    public static boolean equal(JsonNode a, JsonNode b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!equal(field.getValue(), b.get(field.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!equal(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }
}
