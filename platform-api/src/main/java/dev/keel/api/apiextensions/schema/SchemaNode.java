package dev.keel.api.apiextensions.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One node of a structural {@code openAPIV3Schema}, read once from its JSON so that validation, pruning, defaulting
 * and CEL typing do not re-parse keywords per object. Unknown keywords are ignored (the CRD check refuses them).
 */
final class SchemaNode {

    final JsonNode raw;
    final String type;
    final boolean nullable;
    final boolean intOrString;
    final boolean preserveUnknownFields;
    final boolean embeddedResource;
    final Map<String, SchemaNode> properties;
    final SchemaNode items;
    final SchemaNode additionalProperties;
    /** {@code additionalProperties: false}; true or a schema allows extra keys. */
    final boolean additionalPropertiesForbidden;
    final List<String> required;
    final List<JsonNode> enumValues;
    final String pattern;
    final Pattern compiledPattern;
    final String format;
    final BigDecimal minimum;
    final BigDecimal maximum;
    final boolean exclusiveMinimum;
    final boolean exclusiveMaximum;
    final BigDecimal multipleOf;
    final Long minLength;
    final Long maxLength;
    final Long minItems;
    final Long maxItems;
    final Long minProperties;
    final Long maxProperties;
    final boolean uniqueItems;
    final String listType;
    final List<String> listMapKeys;
    final JsonNode defaultValue;
    final List<SchemaNode> allOf;
    final List<SchemaNode> anyOf;
    final List<SchemaNode> oneOf;
    final SchemaNode not;
    final JsonNode validations;

    private SchemaNode(JsonNode raw) {
        this.raw = raw;
        this.type = text(raw, "type");
        this.nullable = raw.path("nullable").asBoolean(false);
        this.intOrString = raw.path("x-kubernetes-int-or-string").asBoolean(false);
        this.preserveUnknownFields = raw.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        this.embeddedResource = raw.path("x-kubernetes-embedded-resource").asBoolean(false);
        Map<String, SchemaNode> props = new LinkedHashMap<>();
        raw.path("properties").fields().forEachRemaining(e -> props.put(e.getKey(), new SchemaNode(e.getValue())));
        this.properties = Collections.unmodifiableMap(props);
        this.items = raw.path("items").isObject() ? new SchemaNode(raw.get("items")) : null;
        JsonNode additional = raw.path("additionalProperties");
        this.additionalProperties = additional.isObject() ? new SchemaNode(additional) : null;
        this.additionalPropertiesForbidden = additional.isBoolean() && !additional.asBoolean();
        this.required = strings(raw.path("required"));
        List<JsonNode> enums = new ArrayList<>();
        raw.path("enum").forEach(enums::add);
        this.enumValues = raw.has("enum") ? List.copyOf(enums) : null;
        this.pattern = text(raw, "pattern");
        this.compiledPattern = compile(pattern);
        this.format = text(raw, "format");
        this.minimum = decimal(raw, "minimum");
        this.maximum = decimal(raw, "maximum");
        this.exclusiveMinimum = raw.path("exclusiveMinimum").asBoolean(false);
        this.exclusiveMaximum = raw.path("exclusiveMaximum").asBoolean(false);
        this.multipleOf = decimal(raw, "multipleOf");
        this.minLength = integer(raw, "minLength");
        this.maxLength = integer(raw, "maxLength");
        this.minItems = integer(raw, "minItems");
        this.maxItems = integer(raw, "maxItems");
        this.minProperties = integer(raw, "minProperties");
        this.maxProperties = integer(raw, "maxProperties");
        this.uniqueItems = raw.path("uniqueItems").asBoolean(false);
        this.listType = text(raw, "x-kubernetes-list-type");
        this.listMapKeys = strings(raw.path("x-kubernetes-list-map-keys"));
        this.defaultValue = raw.has("default") ? raw.get("default") : null;
        this.allOf = nodes(raw.path("allOf"));
        this.anyOf = nodes(raw.path("anyOf"));
        this.oneOf = nodes(raw.path("oneOf"));
        this.not = raw.path("not").isObject() ? new SchemaNode(raw.get("not")) : null;
        this.validations = raw.path("x-kubernetes-validations");
    }

    static SchemaNode parse(JsonNode schema) {
        return new SchemaNode(schema == null ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                : schema);
    }

    /** The schema of the value under {@code key} of an object of this schema, or null when none is declared. */
    SchemaNode child(String key) {
        SchemaNode declared = properties.get(key);
        return declared != null ? declared : additionalProperties;
    }

    /** The type name Kubernetes reports in CEL rule errors ({@code Invalid value: "object"}). */
    String typeName() {
        return type == null ? "" : type;
    }

    boolean hasDefault() {
        return defaultValue != null && !defaultValue.isNull();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static BigDecimal decimal(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isNumber() ? value.decimalValue() : null;
    }

    private static Long integer(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isNumber() ? value.asLong() : null;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return List.copyOf(out);
    }

    private static List<SchemaNode> nodes(JsonNode array) {
        List<SchemaNode> out = new ArrayList<>();
        array.forEach(v -> out.add(new SchemaNode(v)));
        return List.copyOf(out);
    }

    /** Patterns are Go regular expressions (RE2), matched anywhere in the value as Go's MatchString does. */
    private static Pattern compile(String pattern) {
        if (pattern == null) {
            return null;
        }
        try {
            return Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            // the CRD check refuses such a pattern; a stored one that no longer compiles matches nothing
            return null;
        }
    }
}
