package dev.keel.api.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Encodes a Swagger 2.0 document as the protobuf message {@code openapi.v2.Document} of the gnostic models,
 * which is what kubectl asks /openapi/v2 for ({@code application/com.github.proto-openapi.spec.v2@v1.0+protobuf})
 * and the only form it can decode there.
 *
 * <p>Covers the parts of Swagger that keel's documents use; any other field fails loudly rather than being
 * dropped, so the JSON and protobuf forms cannot drift apart unnoticed. Field numbers are those of gnostic's
 * OpenAPIv2.proto; vendor extensions travel as YAML text, which JSON text is.
 */
final class SwaggerProtobufEncoder {

    private SwaggerProtobufEncoder() {
    }

    static byte[] encode(ObjectNode document) {
        ProtoWriter writer = new ProtoWriter();
        for (Map.Entry<String, JsonNode> field : fields(document)) {
            JsonNode value = field.getValue();
            switch (field.getKey()) {
                case "swagger" -> writer.string(1, value.asText());
                case "info" -> writer.message(2, info(value));
                case "paths" -> writer.message(8, paths(value));
                case "definitions" -> writer.message(9, namedSchemas(value));
                default -> extension(writer, 16, "Document", field);
            }
        }
        return writer.toByteArray();
    }

    private static byte[] info(JsonNode info) {
        ProtoWriter writer = new ProtoWriter();
        for (Map.Entry<String, JsonNode> field : fields(info)) {
            switch (field.getKey()) {
                case "title" -> writer.string(1, field.getValue().asText());
                case "version" -> writer.string(2, field.getValue().asText());
                case "description" -> writer.string(3, field.getValue().asText());
                default -> extension(writer, 7, "Info", field);
            }
        }
        return writer.toByteArray();
    }

    /** Paths: NamedPathItem entries (field 2), each {name = 1, value = 2}. */
    private static byte[] paths(JsonNode paths) {
        ProtoWriter writer = new ProtoWriter();
        for (Map.Entry<String, JsonNode> path : fields(paths)) {
            if (path.getKey().startsWith("x-")) {
                extension(writer, 1, "Paths", path);
            } else {
                writer.message(2, new ProtoWriter().string(1, path.getKey()).message(2, pathItem(path.getValue()))
                        .toByteArray());
            }
        }
        return writer.toByteArray();
    }

    private static byte[] pathItem(JsonNode item) {
        ProtoWriter writer = new ProtoWriter();
        for (Map.Entry<String, JsonNode> field : fields(item)) {
            JsonNode value = field.getValue();
            switch (field.getKey()) {
                case "get" -> writer.message(2, operation(value));
                case "put" -> writer.message(3, operation(value));
                case "post" -> writer.message(4, operation(value));
                case "delete" -> writer.message(5, operation(value));
                case "options" -> writer.message(6, operation(value));
                case "head" -> writer.message(7, operation(value));
                case "patch" -> writer.message(8, operation(value));
                case "parameters" -> value.forEach(parameter -> writer.message(9, parametersItem(parameter)));
                default -> extension(writer, 10, "PathItem", field);
            }
        }
        return writer.toByteArray();
    }

    private static byte[] operation(JsonNode operation) {
        ProtoWriter writer = new ProtoWriter();
        for (Map.Entry<String, JsonNode> field : fields(operation)) {
            JsonNode value = field.getValue();
            switch (field.getKey()) {
                case "tags" -> value.forEach(tag -> writer.string(1, tag.asText()));
                case "summary" -> writer.string(2, value.asText());
                case "description" -> writer.string(3, value.asText());
                case "operationId" -> writer.string(5, value.asText());
                case "produces" -> value.forEach(type -> writer.string(6, type.asText()));
                case "consumes" -> value.forEach(type -> writer.string(7, type.asText()));
                case "parameters" -> value.forEach(parameter -> writer.message(8, parametersItem(parameter)));
                case "responses" -> writer.message(9, responses(value));
                case "deprecated" -> writer.bool(11, value.asBoolean());
                default -> extension(writer, 13, "Operation", field);
            }
        }
        return writer.toByteArray();
    }

    /** ParametersItem {parameter = 1}; Parameter {body_parameter = 1, non_body_parameter = 2}. */
    private static byte[] parametersItem(JsonNode parameter) {
        String in = parameter.path("in").asText();
        byte[] encoded = in.equals("body")
                ? new ProtoWriter().message(1, bodyParameter(parameter)).toByteArray()
                : new ProtoWriter().message(2, nonBodyParameter(parameter, in)).toByteArray();
        return new ProtoWriter().message(1, encoded).toByteArray();
    }

    private static byte[] bodyParameter(JsonNode parameter) {
        ProtoWriter writer = new ProtoWriter();
        for (Map.Entry<String, JsonNode> field : fields(parameter)) {
            JsonNode value = field.getValue();
            switch (field.getKey()) {
                case "description" -> writer.string(1, value.asText());
                case "name" -> writer.string(2, value.asText());
                case "in" -> writer.string(3, value.asText());
                case "required" -> writer.bool(4, value.asBoolean());
                case "schema" -> writer.message(5, schema(value));
                default -> extension(writer, 6, "BodyParameter", field);
            }
        }
        return writer.toByteArray();
    }

    /**
     * NonBodyParameter {query_parameter_sub_schema = 3, path_parameter_sub_schema = 4}. The two sub-schemas
     * number their first fields alike, but a query one has allow_empty_value at 5 and so every later field
     * one further on.
     */
    private static byte[] nonBodyParameter(JsonNode parameter, String in) {
        boolean query = switch (in) {
            case "query" -> true;
            case "path" -> false;
            default -> throw new IllegalArgumentException("cannot encode a parameter in " + in);
        };
        int shift = query ? 1 : 0;
        ProtoWriter writer = new ProtoWriter();
        for (Map.Entry<String, JsonNode> field : fields(parameter)) {
            JsonNode value = field.getValue();
            switch (field.getKey()) {
                case "required" -> writer.bool(1, value.asBoolean());
                case "in" -> writer.string(2, value.asText());
                case "description" -> writer.string(3, value.asText());
                case "name" -> writer.string(4, value.asText());
                case "type" -> writer.string(5 + shift, value.asText());
                case "format" -> writer.string(6 + shift, value.asText());
                case "uniqueItems" -> writer.bool(19 + shift, value.asBoolean());
                default -> extension(writer, 22 + shift, query ? "QueryParameterSubSchema" : "PathParameterSubSchema", field);
            }
        }
        return new ProtoWriter().message(query ? 3 : 4, writer.toByteArray()).toByteArray();
    }

    /** Responses {response_code = 1: NamedResponseValue}; ResponseValue {response = 1}. */
    private static byte[] responses(JsonNode responses) {
        ProtoWriter writer = new ProtoWriter();
        for (Map.Entry<String, JsonNode> code : fields(responses)) {
            if (code.getKey().startsWith("x-")) {
                extension(writer, 2, "Responses", code);
                continue;
            }
            byte[] value = new ProtoWriter().message(1, response(code.getValue())).toByteArray();
            writer.message(1, new ProtoWriter().string(1, code.getKey()).message(2, value).toByteArray());
        }
        return writer.toByteArray();
    }

    /** Response {description = 1, schema = 2: SchemaItem {schema = 1}}. */
    private static byte[] response(JsonNode response) {
        ProtoWriter writer = new ProtoWriter();
        for (Map.Entry<String, JsonNode> field : fields(response)) {
            switch (field.getKey()) {
                case "description" -> writer.string(1, field.getValue().asText());
                case "schema" -> writer.message(2, new ProtoWriter().message(1, schema(field.getValue())).toByteArray());
                default -> extension(writer, 5, "Response", field);
            }
        }
        return writer.toByteArray();
    }

    private static byte[] schema(JsonNode schema) {
        ProtoWriter writer = new ProtoWriter();
        for (Map.Entry<String, JsonNode> field : fields(schema)) {
            JsonNode value = field.getValue();
            switch (field.getKey()) {
                case "$ref" -> writer.string(1, value.asText());
                case "format" -> writer.string(2, value.asText());
                case "title" -> writer.string(3, value.asText());
                case "description" -> writer.string(4, value.asText());
                // The validation keywords a CustomResourceDefinition's schema may carry (gnostic openapi_v2.Schema).
                case "default" -> writer.message(5, any(value));
                case "multipleOf" -> writer.float64(6, value.asDouble());
                case "maximum" -> writer.float64(7, value.asDouble());
                case "exclusiveMaximum" -> writer.bool(8, value.asBoolean());
                case "minimum" -> writer.float64(9, value.asDouble());
                case "exclusiveMinimum" -> writer.bool(10, value.asBoolean());
                case "maxLength" -> writer.int64(11, value.asLong());
                case "minLength" -> writer.int64(12, value.asLong());
                case "pattern" -> writer.string(13, value.asText());
                case "maxItems" -> writer.int64(14, value.asLong());
                case "minItems" -> writer.int64(15, value.asLong());
                case "maxProperties" -> writer.int64(17, value.asLong());
                case "minProperties" -> writer.int64(18, value.asLong());
                case "enum" -> value.forEach(member -> writer.message(20, any(member)));
                case "example" -> writer.message(30, any(value));
                case "uniqueItems" -> writer.bool(16, value.asBoolean());
                case "required" -> value.forEach(name -> writer.string(19, name.asText()));
                case "additionalProperties" -> writer.message(21, value.isBoolean()
                        ? new ProtoWriter().bool(2, value.asBoolean()).toByteArray()
                        : new ProtoWriter().message(1, schema(value)).toByteArray());
                case "type" -> writer.message(22, new ProtoWriter().string(1, value.asText()).toByteArray());
                case "items" -> writer.message(23, new ProtoWriter().message(1, schema(value)).toByteArray());
                case "allOf" -> value.forEach(member -> writer.message(24, schema(member)));
                case "properties" -> writer.message(25, namedSchemas(value));
                case "readOnly" -> writer.bool(27, value.asBoolean());
                default -> extension(writer, 31, "Schema", field);
            }
        }
        return writer.toByteArray();
    }

    /** Definitions and Properties alike: NamedSchema entries (field 1), each {name = 1, value = 2}. */
    private static byte[] namedSchemas(JsonNode schemas) {
        ProtoWriter writer = new ProtoWriter();
        for (Map.Entry<String, JsonNode> entry : fields(schemas)) {
            writer.message(1, new ProtoWriter().string(1, entry.getKey()).message(2, schema(entry.getValue())).toByteArray());
        }
        return writer.toByteArray();
    }

    /** A value as gnostic's Any {yaml = 2}: JSON is YAML. */
    private static byte[] any(JsonNode value) {
        return new ProtoWriter().string(2, value.toString()).toByteArray();
    }

    /** A vendor extension as NamedAny {name = 1, value = 2: Any {yaml = 2}}. */
    private static void extension(ProtoWriter writer, int field, String message, Map.Entry<String, JsonNode> entry) {
        if (!entry.getKey().startsWith("x-")) {
            throw new IllegalArgumentException("cannot encode \"" + entry.getKey() + "\" of a Swagger " + message);
        }
        byte[] any = new ProtoWriter().string(2, entry.getValue().toString()).toByteArray();
        writer.message(field, new ProtoWriter().string(1, entry.getKey()).message(2, any).toByteArray());
    }

    private static Iterable<Map.Entry<String, JsonNode>> fields(JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("expected a JSON object, got " + node.getNodeType());
        }
        return node::fields;
    }
}
