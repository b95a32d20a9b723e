package dev.keel.api.apiextensions.schema;

import static dev.keel.api.apiextensions.schema.FieldPaths.child;
import static dev.keel.api.apiextensions.schema.FieldPaths.index;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The OpenAPI v3 keywords of a structural schema, checked as kube-openapi's {@code validate.SchemaValidator} checks
 * them and worded as apiextensions-apiserver turns its results into field errors ({@code spec.replicas: Invalid
 * value: 11: spec.replicas in body should be less than or equal to 10}).
 */
final class OpenApiValidator {

    /** Where kube-apiserver puts errors it cannot place on a field: a nil {@code field.Path} prints like this. */
    static final String NO_FIELD = "<nil>";

    private OpenApiValidator() {
    }

    static void validate(SchemaNode schema, JsonNode value, String path, SchemaCauses out) {
        String name = path.isEmpty() ? "." : path;
        if (value == null || value.isNull()) {
            if (!schema.nullable && (schema.type != null || schema.intOrString)) {
                typeError(schema, value, path, name, out);
            }
            checkEnum(schema, value, path, out);
            return;
        }
        if (!typeMatches(schema, value)) {
            typeError(schema, value, path, name, out);
        }
        composition(schema, value, path, out);
        if (value.isTextual()) {
            checkString(schema, value.asText(), path, name, out);
        }
        if (value.isNumber()) {
            checkNumber(schema, value, path, name, out);
        }
        if (value.isArray()) {
            checkArray(schema, value, path, name, out);
        }
        checkEnum(schema, value, path, out);
        if (value.isObject()) {
            checkObject(schema, value, path, name, out);
        }
    }

    private static boolean typeMatches(SchemaNode schema, JsonNode value) {
        if (schema.intOrString) {
            return value.isTextual() || JsonValues.isIntegral(value);
        }
        if (schema.type == null || schema.type.isEmpty()) {
            return true;
        }
        return switch (schema.type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> JsonValues.isIntegral(value);
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            default -> true;
        };
    }

    private static void typeError(SchemaNode schema, JsonNode value, String path, String name, SchemaCauses out) {
        String expected = schema.intOrString ? "integer,string" : schema.type;
        String actual = JsonValues.typeName(value);
        out.typeInvalid(path, actual, name + " in body must be of type " + expected + ": \"" + actual + "\"");
    }

    private static void checkString(SchemaNode schema, String text, String path, String name, SchemaCauses out) {
        long length = text.codePointCount(0, text.length());
        if (schema.maxLength != null && length > schema.maxLength) {
            out.tooLong(path, schema.maxLength.intValue());
        }
        if (schema.minLength != null && length < schema.minLength) {
            out.invalid(path, text, name + " in body should be at least " + schema.minLength + " chars long");
        }
        if (schema.compiledPattern != null && !schema.compiledPattern.matcher(text).find()) {
            out.invalid(path, text, name + " in body should match '" + schema.pattern + "'");
        }
        if (schema.format != null && !Formats.valid(schema.format, text)) {
            out.typeInvalid(path, text, name + " in body must be of type " + schema.format + ": \"" + text + "\"");
        }
    }

    private static void checkNumber(SchemaNode schema, JsonNode value, String path, String name, SchemaCauses out) {
        BigDecimal number = value.decimalValue();
        Object shown = SchemaCauses.value(value);
        if (schema.multipleOf != null && schema.multipleOf.signum() > 0
                && number.divide(schema.multipleOf, MathContext.DECIMAL128).stripTrailingZeros().scale() > 0) {
            out.invalid(path, shown, name + " in body should be a multiple of " + SchemaCauses.number(schema.multipleOf));
        }
        if (schema.maximum != null) {
            int cmp = number.compareTo(schema.maximum);
            if (schema.exclusiveMaximum ? cmp >= 0 : cmp > 0) {
                out.invalid(path, shown, name + " in body should be less than " + (schema.exclusiveMaximum ? "" : "or equal to ")
                        + SchemaCauses.number(schema.maximum));
            }
        }
        if (schema.minimum != null) {
            int cmp = number.compareTo(schema.minimum);
            if (schema.exclusiveMinimum ? cmp <= 0 : cmp < 0) {
                out.invalid(path, shown, name + " in body should be greater than "
                        + (schema.exclusiveMinimum ? "" : "or equal to ") + SchemaCauses.number(schema.minimum));
            }
        }
    }

    private static void checkArray(SchemaNode schema, JsonNode array, String path, String name, SchemaCauses out) {
        int size = array.size();
        if (schema.minItems != null && size < schema.minItems) {
            out.invalid(path, size, name + " in body should have at least " + schema.minItems + " items");
        }
        if (schema.maxItems != null && size > schema.maxItems) {
            out.tooMany(path, size, schema.maxItems.intValue());
        }
        if (schema.uniqueItems && hasDuplicates(array)) {
            out.invalid(path, "", name + " in body shouldn't contain duplicates");
        }
        if (schema.items != null) {
            for (int i = 0; i < size; i++) {
                validate(schema.items, array.get(i), index(path, i), out);
            }
        }
    }

    private static boolean hasDuplicates(JsonNode array) {
        for (int i = 0; i < array.size(); i++) {
            for (int j = i + 1; j < array.size(); j++) {
                if (JsonValues.equal(array.get(i), array.get(j))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void checkEnum(SchemaNode schema, JsonNode value, String path, SchemaCauses out) {
        if (schema.enumValues == null || schema.enumValues.isEmpty()) {
            return;
        }
        JsonNode actual = value == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : value;
        for (JsonNode allowed : schema.enumValues) {
            if (JsonValues.equal(allowed, actual)) {
                return;
            }
        }
        List<String> supported = new ArrayList<>();
        schema.enumValues.forEach(v -> supported.add(v.isTextual() ? v.asText() : v.toString()));
        out.notSupported(path, SchemaCauses.value(actual), supported);
    }

    private static void checkObject(SchemaNode schema, JsonNode object, String path, String name, SchemaCauses out) {
        int size = object.size();
        if (schema.minProperties != null && size < schema.minProperties) {
            out.invalid(path, schema.minProperties, name + " in body should have at least " + schema.minProperties
                    + " properties");
        }
        if (schema.maxProperties != null && size > schema.maxProperties) {
            out.tooMany(path, size, schema.maxProperties.intValue());
        }
        for (String key : schema.required) {
            if (!object.has(key)) {
                out.required(child(path, key), "");
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            SchemaNode declared = schema.properties.get(field.getKey());
            if (declared != null) {
                validate(declared, field.getValue(), child(path, field.getKey()), out);
            } else if (schema.additionalProperties != null) {
                validate(schema.additionalProperties, field.getValue(), child(path, field.getKey()), out);
            } else if (schema.additionalPropertiesForbidden) {
                out.invalid(path, field.getKey(), (path.isEmpty() ? "" : path) + "." + field.getKey()
                        + " in body is a forbidden property");
            }
        }
    }

    /** allOf / anyOf / oneOf / not: value validations only, as structural schemas allow inside them. */
    private static void composition(SchemaNode schema, JsonNode value, String path, SchemaCauses out) {
        if (!schema.anyOf.isEmpty()) {
            List<SchemaCauses> failures = new ArrayList<>();
            boolean matched = false;
            for (SchemaNode option : schema.anyOf) {
                SchemaCauses result = new SchemaCauses();
                validate(option, value, path, result);
                if (result.isEmpty()) {
                    matched = true;
                    break;
                }
                failures.add(result);
            }
            if (!matched) {
                out.invalid(NO_FIELD, "", "\"" + path + "\" must validate at least one schema (anyOf)");
                out.addAll(fewest(failures).causes());
            }
        }
        if (!schema.oneOf.isEmpty()) {
            List<SchemaCauses> failures = new ArrayList<>();
            int valid = 0;
            for (SchemaNode option : schema.oneOf) {
                SchemaCauses result = new SchemaCauses();
                validate(option, value, path, result);
                if (result.isEmpty()) {
                    valid++;
                } else {
                    failures.add(result);
                }
            }
            if (valid != 1) {
                out.invalid(NO_FIELD, "", "\"" + path + "\" must validate one and only one schema (oneOf). "
                        + (valid == 0 ? "Found none valid" : "Found " + valid + " valid alternatives"));
                if (valid == 0) {
                    out.addAll(fewest(failures).causes());
                }
            }
        }
        if (!schema.allOf.isEmpty()) {
            int valid = 0;
            for (SchemaNode part : schema.allOf) {
                SchemaCauses result = new SchemaCauses();
                validate(part, value, path, result);
                if (result.isEmpty()) {
                    valid++;
                }
                out.addAll(result.causes());
            }
            if (valid != schema.allOf.size()) {
                out.invalid(NO_FIELD, "", "\"" + path + "\" must validate all the schemas (allOf)"
                        + (valid == 0 ? ". None validated" : ""));
            }
        }
        if (schema.not != null) {
            SchemaCauses result = new SchemaCauses();
            validate(schema.not, value, path, result);
            if (result.isEmpty()) {
                out.invalid(NO_FIELD, "", "\"" + path + "\" must not validate the schema (not)");
            }
        }
    }

    private static SchemaCauses fewest(List<SchemaCauses> failures) {
        SchemaCauses best = failures.get(0);
        for (SchemaCauses candidate : failures) {
            if (candidate.causes().size() < best.causes().size()) {
                best = candidate;
            }
        }
        return best;
    }
}
