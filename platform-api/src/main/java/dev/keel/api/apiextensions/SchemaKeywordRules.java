package dev.keel.api.apiextensions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.api.admission.FieldErrors;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The keyword rules kube-apiserver applies to every level of a CRD schema ({@code ValidateCustomResourceDefinitionOpenAPISchema}):
 * OpenAPI v3 types only, no {@code $ref}/{@code definitions}/{@code dependencies}/{@code patternProperties}/
 * {@code additionalItems}/{@code id}, no {@code uniqueItems}, {@code additionalProperties} and {@code properties}
 * exclusive, the {@code x-kubernetes-list-type}/{@code -list-map-keys}/{@code -map-type} rules, and the static part
 * of {@code x-kubernetes-validations} (the CEL part is {@code CustomResourceSchema.checkRules}).
 */
final class SchemaKeywordRules {

    static final List<String> OPENAPI_TYPES = List.of("array", "boolean", "integer", "number", "object", "string");
    private static final List<String> RULE_REASONS =
            List.of("FieldValueDuplicate", "FieldValueForbidden", "FieldValueInvalid", "FieldValueRequired");
    private static final Set<String> META_FIELDS = Set.of("metadata", "kind", "apiVersion");

    /**
     * @param insideResourceMeta under metadata/kind/apiVersion of the root or of an embedded resource
     * @param forbiddenDefaults  why defaults may not be set here, or null when they may
     */
    private record Context(boolean insideResourceMeta, String forbiddenDefaults) {
    }

    private SchemaKeywordRules() {
    }

    static void check(JsonNode root, String path, FieldErrors errors) {
        check(root, path, true, new Context(false, null), errors);
    }

    private static void check(JsonNode s, String path, boolean isRoot, Context context, FieldErrors errors) {
        if (s == null || !s.isObject()) {
            return;
        }
        keywords(s, path, context, errors);
        if (s.path("uniqueItems").asBoolean(false)) {
            errors.forbidden(path + ".uniqueItems", "uniqueItems cannot be set to true since the runtime complexity becomes quadratic");
        }
        JsonNode additional = s.get("additionalProperties");
        if (additional != null && !additional.isNull()) {
            if (s.path("properties").size() > 0 && (additional.isObject() || !additional.asBoolean(true))) {
                errors.forbidden(path + ".additionalProperties", "additionalProperties and properties are mutual exclusive");
            }
            Context sub = context.insideResourceMeta()
                    ? new Context(true, "inside additionalProperties applying to object metadata") : context;
            check(additional, path + ".additionalProperties", false, sub, errors);
        }
        boolean embedded = s.path("x-kubernetes-embedded-resource").asBoolean(false);
        for (Iterator<Map.Entry<String, JsonNode>> it = s.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            Context sub = context;
            if ((isRoot || embedded) && META_FIELDS.contains(property.getKey())) {
                sub = new Context(true, isRoot ? "in top-level " + property.getKey() : context.forbiddenDefaults());
            }
            check(property.getValue(), SchemaPaths.property(path, property.getKey()), false, sub, errors);
        }
        if (s.path("not").isObject()) {
            check(s.get("not"), path + ".not", false, context, errors);
        }
        for (String combinator : List.of("allOf", "oneOf", "anyOf")) {
            StructuralSchemaRules.eachIndexed(s.path(combinator),
                    (i, n) -> check(n, path + "." + combinator + "[" + i + "]", false, context, errors));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = s.path("definitions").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> definition = it.next();
            check(definition.getValue(), SchemaPaths.key(path + ".definitions", definition.getKey()), false, context, errors);
        }
        JsonNode items = s.path("items");
        if (items.isObject()) {
            check(items, path + ".items", false, context, errors);
        } else if (items.isArray()) {
            StructuralSchemaRules.eachIndexed(items, (i, n) -> check(n, path + ".items[" + i + "]", false, context, errors));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = s.path("dependencies").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> dependency = it.next();
            if (dependency.getValue().isObject()) {
                check(dependency.getValue(), SchemaPaths.key(path + ".dependencies", dependency.getKey()), false, context, errors);
            }
        }
        extensions(s, path, errors);
        validations(s, path, errors);
    }

    /** specStandardValidatorV3: what OpenAPI v3 allows that Kubernetes does not. */
    private static void keywords(JsonNode s, String path, Context context, FieldErrors errors) {
        String type = s.path("type").asText("");
        if (!type.isEmpty() && !OPENAPI_TYPES.contains(type)) {
            errors.notSupported(path + ".type", type, OPENAPI_TYPES);
        }
        if (s.has("default") && context.forbiddenDefaults() != null) {
            errors.forbidden(path + ".default", "must not be set " + context.forbiddenDefaults());
        }
        if (!s.path("id").asText("").isEmpty()) {
            errors.forbidden(path + ".id", "id is not supported");
        }
        if (s.has("additionalItems")) {
            errors.forbidden(path + ".additionalItems", "additionalItems is not supported");
        }
        if (s.path("patternProperties").size() > 0) {
            errors.forbidden(path + ".patternProperties", "patternProperties is not supported");
        }
        if (s.path("definitions").size() > 0) {
            errors.forbidden(path + ".definitions", "definitions is not supported");
        }
        if (s.has("dependencies")) {
            errors.forbidden(path + ".dependencies", "dependencies is not supported");
        }
        if (s.has("$ref")) {
            errors.forbidden(path + ".$ref", "$ref is not supported");
        }
        if (type.equals("null")) {
            errors.forbidden(path + ".type", "type cannot be set to null, use nullable as an alternative");
        }
        if (s.path("items").isArray() && s.get("items").size() > 0) {
            errors.forbidden(path + ".items", "items must be a schema object and not an array");
        }
        if (context.insideResourceMeta() && s.path("x-kubernetes-embedded-resource").asBoolean(false)) {
            errors.forbidden(path + ".x-kubernetes-embedded-resource", "must not be used inside of resource meta");
        }
    }

    private static void extensions(JsonNode s, String path, FieldErrors errors) {
        String type = s.path("type").asText("");
        JsonNode preserve = s.get("x-kubernetes-preserve-unknown-fields");
        if (preserve != null && preserve.isBoolean() && !preserve.asBoolean()) {
            errors.invalid(path + ".x-kubernetes-preserve-unknown-fields", false, "must be true or undefined");
        }
        String mapType = text(s, "x-kubernetes-map-type");
        if (mapType != null) {
            requireType(s, path, "object", "must be object if x-kubernetes-map-type is specified", errors);
            if (!mapType.equals("atomic") && !mapType.equals("granular")) {
                errors.notSupported(path + ".x-kubernetes-map-type", mapType, List.of("atomic", "granular"));
            }
        }
        String listType = text(s, "x-kubernetes-list-type");
        JsonNode items = s.get("items");
        if (listType != null && !type.equals("array")) {
            requireType(s, path, "array", "must be array if x-kubernetes-list-type is specified", errors);
        } else if ("set".equals(listType) && items != null && items.isObject()) {
            String itemType = items.path("type").asText("");
            if (itemType.equals("array") && text(items, "x-kubernetes-list-type") != null
                    && !text(items, "x-kubernetes-list-type").equals("atomic")) {
                errors.invalid(path + ".items.x-kubernetes-list-type", text(items, "x-kubernetes-list-type"),
                        "must be atomic as item of a list with x-kubernetes-list-type=set");
            } else if (itemType.equals("object") && !"atomic".equals(text(items, "x-kubernetes-map-type"))) {
                errors.invalidOmitted(path + ".items.x-kubernetes-map-type",
                        "must be atomic as item of a list with x-kubernetes-list-type=set");
            }
        }
        if (listType != null && !List.of("atomic", "set", "map").contains(listType)) {
            errors.notSupported(path + ".x-kubernetes-list-type", listType, List.of("atomic", "set", "map"));
        }
        JsonNode keys = s.path("x-kubernetes-list-map-keys");
        if (keys.size() > 0) {
            if (listType == null) {
                errors.required(path + ".x-kubernetes-list-type", "must be map if x-kubernetes-list-map-keys is non-empty");
            } else if (!listType.equals("map")) {
                errors.invalid(path + ".x-kubernetes-list-type", listType, "must be map if x-kubernetes-list-map-keys is non-empty");
            }
        }
        if ("map".equals(listType)) {
            mapList(s, path, keys, items, errors);
        }
        if (("set".equals(listType) || "map".equals(listType)) && items != null && items.isObject()) {
            if (items.path("nullable").asBoolean(false)) {
                errors.forbidden(path + ".items.nullable", "cannot be nullable when x-kubernetes-list-type is " + listType);
            }
        }
    }

    private static void mapList(JsonNode s, String path, JsonNode keys, JsonNode items, FieldErrors errors) {
        if (keys.size() == 0) {
            errors.required(path + ".x-kubernetes-list-map-keys", "must not be empty if x-kubernetes-list-type is map");
        }
        if (items == null || items.isNull()) {
            errors.required(path + ".items", "must have a schema if x-kubernetes-list-type is map");
            return;
        }
        if (!items.isObject()) {
            errors.invalidOmitted(path + ".items", "must only have a single schema if x-kubernetes-list-type is map");
            return;
        }
        String itemType = items.path("type").asText("");
        if (!itemType.equals("object")) {
            errors.invalid(path + ".items.type", itemType, "must be object if parent array's x-kubernetes-list-type is map");
            return;
        }
        Set<String> seen = new HashSet<>();
        Set<String> required = new HashSet<>();
        items.path("required").forEach(r -> required.add(r.asText()));
        for (JsonNode keyNode : keys) {
            String key = keyNode.asText();
            JsonNode property = items.path("properties").get(key);
            String keyPath = SchemaPaths.property(path + ".items", key);
            if (property == null) {
                errors.invalidOmitted(path + ".x-kubernetes-list-map-keys", "entries must all be names of item properties");
            } else {
                String propertyType = property.path("type").asText("");
                if (propertyType.equals("array") || propertyType.equals("object")) {
                    errors.invalid(keyPath + ".type", itemType, "must be a scalar type if parent array's x-kubernetes-list-type is map");
                }
                if (!required.contains(key) && !property.has("default")) {
                    errors.required(keyPath + ".default",
                            "this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property");
                }
                if (property.path("nullable").asBoolean(false)) {
                    errors.forbidden(keyPath + ".nullable", "this property is in x-kubernetes-list-map-keys, so it cannot be nullable");
                }
            }
            if (!seen.add(key)) {
                errors.invalidOmitted(path + ".x-kubernetes-list-map-keys", "must not contain duplicate entries");
            }
        }
    }

    /** The static checks of x-kubernetes-validations; compiling and costing the rules is the schema package's. */
    private static void validations(JsonNode s, String path, FieldErrors errors) {
        StructuralSchemaRules.eachIndexed(s.path("x-kubernetes-validations"), (i, rule) -> {
            String rulePath = path + ".x-kubernetes-validations[" + i + "]";
            String expression = rule.path("rule").asText("");
            String message = rule.path("message").asText("");
            if (expression.isBlank()) {
                errors.required(rulePath + ".rule", "rule is not specified");
            } else if (!message.isEmpty() && message.isBlank()) {
                errors.invalid(rulePath + ".message", message, "must be non-empty if specified");
            } else if (hasNewlines(message.strip())) {
                errors.invalid(rulePath + ".message", message, "must not contain line breaks");
            } else if (hasNewlines(expression.strip()) && message.isBlank()) {
                errors.required(rulePath + ".message", "message must be specified if rule contains line breaks");
            }
            String messageExpression = rule.path("messageExpression").asText("");
            if (!messageExpression.isEmpty() && messageExpression.isBlank()) {
                errors.required(rulePath + ".messageExpression", "messageExpression must be non-empty if specified");
            }
            String reason = text(rule, "reason");
            if (reason != null && !RULE_REASONS.contains(reason)) {
                errors.notSupported(rulePath + ".reason", reason, RULE_REASONS);
            }
            String fieldPath = rule.path("fieldPath").asText("");
            if (!fieldPath.isEmpty() && fieldPath.isBlank()) {
                errors.invalid(rulePath + ".fieldPath", fieldPath, "must be non-empty if specified");
            }
            if (hasNewlines(fieldPath)) {
                errors.invalid(rulePath + ".fieldPath", fieldPath, "must not contain line breaks");
            }
        });
    }

    private static void requireType(JsonNode s, String path, String wanted, String detail, FieldErrors errors) {
        String type = s.path("type").asText("");
        if (type.equals(wanted)) {
            return;
        }
        if (type.isEmpty()) {
            errors.required(path + ".type", detail);
        } else {
            errors.invalid(path + ".type", type, detail);
        }
    }

    private static boolean hasNewlines(String s) {
        return s.contains("\n") || s.contains("\r");
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
