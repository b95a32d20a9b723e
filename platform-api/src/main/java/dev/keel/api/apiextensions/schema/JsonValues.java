package dev.keel.api.apiextensions.schema;

import com.fasterxml.jackson.databind.JsonNode;

/** JSON type names with JSON (not Java) semantics: {@code 1.0} is an integer (equality: {@code JsonEquality}). */
final class JsonValues {

    private JsonValues() {
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
