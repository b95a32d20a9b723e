package dev.keel.api.apiextensions.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/** JSON value helpers with JSON (not Java) semantics: {@code 1} equals {@code 1.0}. */
final class JsonValues {

    private JsonValues() {
    }

    static boolean equal(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.getNodeType() != b.getNodeType()) {
            return false;
        }
        if (a.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode other = b.get(e.getKey());
                if (other == null || !equal(e.getValue(), other)) {
                    return false;
                }
            }
            return true;
        }
        if (a.isArray()) {
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

    /** The JSON type name kube-openapi reports for a value ({@code must be of type integer: "string"}). */
    static String typeName(JsonNode value) {
        if (value == null || value.isNull()) {
            return "null";
        }
        if (value.isTextual()) {
            return "string";
        }
        if (value.isBoolean()) {
            return "boolean";
        }
        if (value.isIntegralNumber()) {
            return "integer";
        }
        if (value.isNumber()) {
            return isIntegral(value) ? "integer" : "number";
        }
        return value.isArray() ? "array" : "object";
    }

    static boolean isIntegral(JsonNode value) {
        if (value.isIntegralNumber()) {
            return true;
        }
        if (!value.isNumber()) {
            return false;
        }
        try {
            value.decimalValue().toBigIntegerExact();
            return true;
        } catch (ArithmeticException e) {
            return false;
        }
    }
}
