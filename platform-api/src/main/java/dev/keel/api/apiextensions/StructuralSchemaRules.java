package dev.keel.api.apiextensions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.api.admission.FieldErrors;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The structural-schema rules kube-apiserver applies to a CRD version's {@code openAPIV3Schema}: a type at every
 * level (except under {@code x-kubernetes-int-or-string} / {@code x-kubernetes-preserve-unknown-fields}), value
 * validations in {@code allOf}/{@code anyOf}/{@code oneOf}/{@code not} that only restrict what the structural part
 * declares, the root {@code metadata} limited to name and generateName, and nothing the structural form cannot
 * hold. Messages and field paths are Kubernetes' ({@code ...openAPIV3Schema.properties[spec].type: Required value:
 * must not be empty for specified object fields}).
 */
final class StructuralSchemaRules {

    enum Level { ROOT, ITEM, FIELD }

    /** The keywords the structural form cannot hold: a schema using them does not convert at all. */
    private static final List<String> UNCONVERTIBLE =
            List.of("id", "$schema", "$ref", "patternProperties", "dependencies", "additionalItems", "definitions");

    private static final Set<String> VALUE_VALIDATIONS = Set.of("format", "maximum", "exclusiveMaximum", "minimum",
            "exclusiveMinimum", "maxLength", "minLength", "pattern", "maxItems", "minItems", "uniqueItems", "multipleOf",
            "enum", "maxProperties", "minProperties", "required", "allOf", "oneOf", "anyOf", "not", "properties", "items",
            "additionalProperties");

    private StructuralSchemaRules() {
    }

    /** Whether the schema converts to Kubernetes' structural form; the keyword rules report why it does not. */
    static boolean convertible(JsonNode schema) {
        if (schema == null || !schema.isObject()) {
            return true;
        }
        for (String keyword : UNCONVERTIBLE) {
            if (schema.has(keyword)) {
                return false;
            }
        }
        if (schema.path("items").isArray()) {
            return false;
        }
        for (JsonNode child : children(schema)) {
            if (!convertible(child)) {
                return false;
            }
        }
        return true;
    }

    /** The structural invariants and the completeness of the value validations, from the root. */
    static void check(JsonNode root, String path, FieldErrors errors) {
        invariants(root, Level.ROOT, path, errors);
        completeness(root, root, path, path, errors);
    }

    private static void invariants(JsonNode s, Level level, String path, FieldErrors errors) {
        if (s == null || !s.isObject()) {
            return;
        }
        String type = s.path("type").asText("");
        boolean intOrString = s.path("x-kubernetes-int-or-string").asBoolean(false);
        boolean preserveUnknown = s.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        boolean embedded = s.path("x-kubernetes-embedded-resource").asBoolean(false);
        if (type.equals("array") && !s.has("items")) {
            errors.required(path + ".items", "must be specified");
        }
        if (s.path("items").isObject()) {
            invariants(s.get("items"), Level.ITEM, path + ".items", errors);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = s.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            invariants(property.getValue(), Level.FIELD, SchemaPaths.property(path, property.getKey()), errors);
        }
        boolean hasAdditional = s.has("additionalProperties") && !s.get("additionalProperties").isNull();
        if (hasAdditional) {
            if (level == Level.ROOT) {
                errors.forbidden(path + ".additionalProperties", "must not be used at the root");
            }
            if (s.get("additionalProperties").isObject()) {
                invariants(s.get("additionalProperties"), Level.FIELD, path + ".additionalProperties", errors);
            }
        }
        if (intOrString && preserveUnknown) {
            errors.invalid(path + ".x-kubernetes-preserve-unknown-fields", true, "must be false if x-kubernetes-int-or-string is true");
        }
        if (intOrString && embedded) {
            errors.invalid(path + ".x-kubernetes-embedded-resource", true, "must be false if x-kubernetes-int-or-string is true");
        }
        valueValidation(s, isIntOrStringAnyOf(s.path("anyOf")), isIntOrStringAllOf(s), level, path, errors);
        if (embedded && !type.equals("object")) {
            if (type.isEmpty()) {
                errors.required(path + ".type", "must be object if x-kubernetes-embedded-resource is true");
            } else {
                errors.invalid(path + ".type", type, "must be object if x-kubernetes-embedded-resource is true");
            }
        } else if (type.isEmpty() && !intOrString && !preserveUnknown) {
            errors.required(path + ".type", switch (level) {
                case ROOT -> "must not be empty at the root";
                case ITEM -> "must not be empty for specified array items";
                case FIELD -> "must not be empty for specified object fields";
            });
        }
        if (embedded && hasAdditional) {
            errors.forbidden(path + ".additionalProperties", "must not be used if x-kubernetes-embedded-resource is set");
        }
        if (level == Level.ROOT && !type.isEmpty() && !type.equals("object")) {
            errors.invalid(path + ".type", type, "must be object at the root");
        }
        boolean checkMetadata = level == Level.ROOT || embedded;
        JsonNode properties = s.path("properties");
        for (String typeMeta : List.of("kind", "apiVersion")) {
            if (checkMetadata && properties.has(typeMeta) && !properties.get(typeMeta).path("type").asText("").equals("string")) {
                errors.invalid(SchemaPaths.property(path, typeMeta) + ".type", properties.get(typeMeta).path("type").asText(""),
                        "must be string");
            }
        }
        if (properties.has("metadata")) {
            metadata(properties.get("metadata"), checkMetadata, level, SchemaPaths.property(path, "metadata"), errors);
        }
        if (embedded && !preserveUnknown && properties.isEmpty()) {
            errors.required(path + ".properties",
                    "must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields");
        }
    }

    private static void metadata(JsonNode m, boolean checkMetadata, Level level, String path, FieldErrors errors) {
        if (checkMetadata && !m.path("type").asText("").equals("object")) {
            errors.invalid(path + ".type", m.path("type").asText(""), "must be object");
        }
        if (level != Level.ROOT) {
            return;
        }
        // Kubernetes validates name and generateName itself; a schema may only restrict those two.
        boolean onlyNames = true;
        for (Iterator<String> it = m.fieldNames(); it.hasNext(); ) {
            String keyword = it.next();
            if (keyword.equals("properties")) {
                for (Iterator<String> names = m.get("properties").fieldNames(); names.hasNext(); ) {
                    String name = names.next();
                    onlyNames &= name.equals("name") || name.equals("generateName");
                }
            } else if (!keyword.equals("type") && !keyword.equals("default")) {
                onlyNames = false;
            }
        }
        if (!onlyNames) {
            errors.forbidden(path, "must not specify anything other than name and generateName, but metadata is implicitly specified");
        }
    }

    private static void valueValidation(JsonNode v, boolean skipAnyOf, boolean skipFirstAllOfAnyOf, Level level, String path,
            FieldErrors errors) {
        if (!skipAnyOf) {
            eachIndexed(v.path("anyOf"), (i, n) -> nested(n, false, level, path + ".anyOf[" + i + "]", errors));
        }
        eachIndexed(v.path("allOf"), (i, n) -> nested(n, skipFirstAllOfAnyOf && i == 0, level, path + ".allOf[" + i + "]", errors));
        eachIndexed(v.path("oneOf"), (i, n) -> nested(n, false, level, path + ".oneOf[" + i + "]", errors));
        if (v.path("not").isObject()) {
            nested(v.get("not"), false, level, path + ".not", errors);
        }
        String pattern = v.path("pattern").asText("");
        if (!pattern.isEmpty()) {
            try {
                Pattern.compile(pattern);
            } catch (PatternSyntaxException e) {
                errors.invalid(path + ".pattern", pattern, "must be a valid regular expression, but isn't: " + e.getDescription());
            }
        }
    }

    /** A schema inside allOf/anyOf/oneOf/not: value validations only. */
    private static void nested(JsonNode v, boolean skipAnyOf, Level level, String path, FieldErrors errors) {
        if (!v.isObject()) {
            return;
        }
        valueValidation(v, skipAnyOf, false, level, path, errors);
        if (v.path("items").isObject()) {
            nested(v.get("items"), false, level, path + ".items", errors);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = v.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            nested(property.getValue(), false, Level.FIELD, SchemaPaths.property(path, property.getKey()), errors);
        }
        if (v.has("type")) {
            errors.forbidden(path + ".type", "must be empty to be structural");
        }
        if (v.has("additionalProperties")) {
            errors.forbidden(path + ".additionalProperties", "must be undefined to be structural");
        }
        if (v.has("default")) {
            errors.forbidden(path + ".default", "must be undefined to be structural");
        }
        if (!v.path("title").asText("").isEmpty()) {
            errors.forbidden(path + ".title", "must be empty to be structural");
        }
        if (!v.path("description").asText("").isEmpty()) {
            errors.forbidden(path + ".description", "must be empty to be structural");
        }
        for (String flag : List.of("nullable", "x-kubernetes-preserve-unknown-fields", "x-kubernetes-embedded-resource",
                "x-kubernetes-int-or-string")) {
            if (v.path(flag).asBoolean(false)) {
                errors.forbidden(path + "." + flag, "must be false to be structural");
            }
        }
        if (v.path("x-kubernetes-list-map-keys").size() > 0) {
            errors.forbidden(path + ".x-kubernetes-list-map-keys", "must be empty to be structural");
        }
        for (String extension : List.of("x-kubernetes-list-type", "x-kubernetes-map-type")) {
            if (v.has(extension) && !v.get(extension).isNull()) {
                errors.forbidden(path + "." + extension, "must be undefined to be structural");
            }
        }
        if (v.path("x-kubernetes-validations").size() > 0) {
            errors.forbidden(path + ".x-kubernetes-validations", "must be empty to be structural");
        }
        if (v.path("properties").has("metadata")) {
            errors.forbidden(SchemaPaths.property(path, "metadata"), "must not be specified in a nested context");
        }
    }

    /**
     * Every property or item the root's value validations name must be declared by the structural part beside
     * them (Kubernetes checks this from the root's allOf/anyOf/oneOf/not only).
     */
    private static void completeness(JsonNode v, JsonNode s, String sPath, String vPath, FieldErrors errors) {
        if (v == null || !v.isObject()) {
            return;
        }
        if (v.path("not").isObject()) {
            nestedCompleteness(v.get("not"), s, sPath, vPath + ".not", errors);
        }
        for (String combinator : List.of("allOf", "anyOf", "oneOf")) {
            eachIndexed(v.path(combinator), (i, n) -> nestedCompleteness(n, s, sPath, vPath + "." + combinator + "[" + i + "]", errors));
        }
    }

    private static void nestedCompleteness(JsonNode v, JsonNode s, String sPath, String vPath, FieldErrors errors) {
        if (!v.isObject()) {
            return;
        }
        if (s == null || !s.isObject()) {
            errors.required(sPath, "because it is defined in " + vPath);
            return;
        }
        if (v.path("not").isObject()) {
            nestedCompleteness(v.get("not"), s, sPath, vPath + ".not", errors);
        }
        for (String combinator : List.of("allOf", "anyOf", "oneOf")) {
            eachIndexed(v.path(combinator), (i, n) -> nestedCompleteness(n, s, sPath, vPath + "." + combinator + "[" + i + "]", errors));
        }
        if (v.path("items").isObject()) {
            JsonNode items = s.path("items").isObject() ? s.get("items") : null;
            nestedCompleteness(v.get("items"), items, sPath + ".items", vPath + ".items", errors);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = v.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            JsonNode declared = s.path("properties").get(p.getKey());
            if (declared == null) {
                errors.required(SchemaPaths.property(sPath, p.getKey()), "because it is defined in "
                        + SchemaPaths.property(vPath, p.getKey()));
            } else {
                nestedCompleteness(p.getValue(), declared, SchemaPaths.property(sPath, p.getKey()),
                        SchemaPaths.property(vPath, p.getKey()), errors);
            }
        }
    }

    /** {@code anyOf: [{type: integer}, {type: string}]}, the int-or-string pattern Kubernetes lets through. */
    private static boolean isIntOrStringAnyOf(JsonNode anyOf) {
        return anyOf.isArray() && anyOf.size() == 2 && onlyType(anyOf.get(0), "integer") && onlyType(anyOf.get(1), "string");
    }

    private static boolean isIntOrStringAllOf(JsonNode s) {
        JsonNode allOf = s.path("allOf");
        return allOf.isArray() && allOf.size() >= 1 && isIntOrStringAnyOf(allOf.get(0).path("anyOf"));
    }

    private static boolean onlyType(JsonNode node, String type) {
        return node.isObject() && node.size() == 1 && node.path("type").asText("").equals(type);
    }

    /** The sub-schemas of a schema, wherever they sit. */
    static List<JsonNode> children(JsonNode schema) {
        java.util.ArrayList<JsonNode> children = new java.util.ArrayList<>();
        for (String map : List.of("properties", "patternProperties", "definitions", "dependencies")) {
            schema.path(map).forEach(children::add);
        }
        for (String list : List.of("allOf", "anyOf", "oneOf")) {
            schema.path(list).forEach(children::add);
        }
        for (String single : List.of("not", "additionalProperties", "additionalItems")) {
            if (schema.path(single).isObject()) {
                children.add(schema.get(single));
            }
        }
        JsonNode items = schema.path("items");
        if (items.isObject()) {
            children.add(items);
        } else if (items.isArray()) {
            items.forEach(children::add);
        }
        children.removeIf(child -> !child.isObject());
        return children;
    }

    /** Whether a keyword may appear in a nested value validation (allOf etc.). */
    static boolean isValueValidation(String keyword) {
        return VALUE_VALIDATIONS.contains(keyword);
    }

    interface IndexedConsumer {
        void accept(int index, JsonNode node);
    }

    static void eachIndexed(JsonNode array, IndexedConsumer consumer) {
        if (!array.isArray()) {
            return;
        }
        for (int i = 0; i < array.size(); i++) {
            consumer.accept(i, array.get(i));
        }
    }
}
