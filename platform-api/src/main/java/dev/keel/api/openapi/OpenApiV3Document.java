package dev.keel.api.openapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.resource.ResourceType;
import java.util.List;

/**
 * The OpenAPI 3.0 document of one group-version (/openapi/v3/api/v1, /openapi/v3/apis/apps/v1...): its paths,
 * and in components.schemas every definition they reach, including those of other groups.
 */
final class OpenApiV3Document {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final SchemaDialect DIALECT = SchemaDialect.OPENAPI_3;
    private static final List<String> BODY_TYPES = List.of("application/json", "application/yaml");

    private OpenApiV3Document() {
    }

    static ObjectNode build(List<ResourceType> types, String serverVersion) {
        ModelSchemaGenerator generator = new ModelSchemaGenerator(DIALECT);
        ObjectNode document = NODES.objectNode();
        document.put("openapi", "3.0.0");
        document.putObject("info").put("title", "Kubernetes").put("version", serverVersion);
        ObjectNode paths = document.putObject("paths");
        for (ResourceType type : types) {
            for (ApiPath path : ResourcePaths.of(type)) {
                paths.set(path.path(), path.toNode(operation -> operation(operation, generator),
                        OpenApiV3Document::parameter));
            }
        }
        KindMarkers.mark(generator, types);
        ObjectNode schemas = document.putObject("components").putObject("schemas");
        generator.definitions().forEach(schemas::set);
        return document;
    }

    private static ObjectNode operation(ApiOperation operation, ModelSchemaGenerator generator) {
        ObjectNode node = NODES.objectNode();
        node.put("operationId", operation.operationId());
        // Inline, not $ref'd: kubectl's check for fieldValidation reads the parameters' names directly.
        ArrayNode parameters = node.putArray("parameters");
        operation.query().forEach(parameter -> parameters.add(parameter(parameter)));
        if (operation.body() != null) {
            ObjectNode body = node.putObject("requestBody");
            body.set("content", content(operation.consumes().isEmpty() ? BODY_TYPES : operation.consumes(),
                    generator.define(operation.body())));
            body.put("required", true);
        }
        ObjectNode responses = node.putObject("responses");
        ObjectNode ok = responses.putObject(operation.method().equals("post") ? "201" : "200");
        ok.put("description", operation.method().equals("post") ? "Created" : "OK");
        if (operation.response() != null) {
            ok.set("content", content(BODY_TYPES, generator.define(operation.response())));
        }
        node.put(OpenApiExtensions.ACTION, operation.action());
        node.set(OpenApiExtensions.GROUP_VERSION_KIND, OpenApiExtensions.gvk(operation.gvk()));
        return node;
    }

    private static ObjectNode content(List<String> mediaTypes, String definition) {
        ObjectNode content = NODES.objectNode();
        for (String mediaType : mediaTypes) {
            content.putObject(mediaType).set("schema", DIALECT.ref(definition));
        }
        return content;
    }

    private static ObjectNode parameter(ApiParameter parameter) {
        ObjectNode node = NODES.objectNode();
        node.put("name", parameter.name());
        node.put("in", parameter.in());
        if (parameter.required()) {
            node.put("required", true);
        }
        node.putObject("schema").put("type", parameter.type()).put("uniqueItems", true);
        return node;
    }
}
