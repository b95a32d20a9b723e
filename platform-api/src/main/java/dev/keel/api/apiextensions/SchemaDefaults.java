package dev.keel.api.apiextensions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.api.admission.FieldErrors;
import java.util.Iterator;
import java.util.Map;

/**
 * Defaults in a structural schema must already be pruned (no field the schema would drop: {@code must not have
 * unknown fields}) and of the type declared where they sit, as kube-apiserver's {@code ValidateDefaults} requires.
 * The full keyword validation of a default (enum, pattern, CEL) belongs with custom-object validation.
 */
final class SchemaDefaults {

    private SchemaDefaults() {
    }

    static void check(JsonNode s, String path, boolean isRoot, FieldErrors errors) {
        if (s == null || !s.isObject()) {
            return;
        }
        JsonNode value = s.get("default");
        if (value != null && !value.isNull()) {
            String defaultPath = path + ".default";
            if (!pruned(value, s)) {
                errors.invalidOmitted(defaultPath, "must not have unknown fields");
            } else {
                typeErrors(value, s, defaultPath, defaultPath, errors);
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = s.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            if (isRoot && property.getKey().equals("metadata")) {
                continue;
            }
            check(property.getValue(), SchemaPaths.property(path, property.getKey()), false, errors);
        }
        if (s.path("items").isObject()) {
            check(s.get("items"), path + ".items", false, errors);
        }
        if (s.path("additionalProperties").isObject()) {
            check(s.get("additionalProperties"), path + ".additionalProperties", false, errors);
        }
    }

    /** Whether pruning with {@code schema} would leave {@code value} as it is. */
    private static boolean pruned(JsonNode value, JsonNode schema) {
        if (schema == null || !schema.isObject() || schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
            return true;
        }
        if (value.isObject()) {
            JsonNode properties = schema.path("properties");
            JsonNode additional = schema.get("additionalProperties");
            boolean embedded = schema.path("x-kubernetes-embedded-resource").asBoolean(false);
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (embedded && (field.getKey().equals("apiVersion") || field.getKey().equals("kind")
                        || field.getKey().equals("metadata"))) {
                    continue;
                }
                JsonNode declared = properties.get(field.getKey());
                if (declared == null && additional != null && additional.isObject()) {
                    declared = additional;
                } else if (declared == null && !(additional != null && additional.asBoolean(false))) {
                    return false;
                }
                if (!pruned(field.getValue(), declared)) {
                    return false;
                }
            }
        } else if (value.isArray()) {
            for (JsonNode item : value) {
                if (!pruned(item, schema.get("items"))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void typeErrors(JsonNode value, JsonNode schema, String fieldPath, String defaultPath, FieldErrors errors) {
        if (schema == null || !schema.isObject() || value.isNull()) {
            return;
        }
        String type = schema.path("type").asText("");
        if (!type.isEmpty() && !matches(value, type)) {
            errors.invalid(fieldPath, render(value), fieldPath + " in body must be of type " + type + ": \"" + jsonType(value) + "\"");
            return;
        }
        if (schema.path("x-kubernetes-int-or-string").asBoolean(false) && !value.isIntegralNumber() && !value.isTextual()) {
            errors.invalid(fieldPath, render(value), fieldPath + " in body must be of type integer or string: \"" + jsonType(value) + "\"");
            return;
        }
        if (value.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode declared = schema.path("properties").get(field.getKey());
                if (declared == null && schema.path("additionalProperties").isObject()) {
                    declared = schema.get("additionalProperties");
                }
                typeErrors(field.getValue(), declared, fieldPath + "." + field.getKey(), defaultPath, errors);
            }
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                typeErrors(value.get(i), schema.get("items"), fieldPath + "[" + i + "]", defaultPath, errors);
            }
        }
    }

    private static boolean matches(JsonNode value, String type) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber() || value.isNumber() && value.asDouble() == Math.rint(value.asDouble());
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            default -> true;
        };
    }

    private static String jsonType(JsonNode value) {
        if (value.isObject()) {
            return "object";
        }
        if (value.isArray()) {
            return "array";
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
        return value.isNumber() ? "number" : "null";
    }

    private static Object render(JsonNode value) {
        return value.isTextual() ? value.asText() : value.toString();
    }
}
