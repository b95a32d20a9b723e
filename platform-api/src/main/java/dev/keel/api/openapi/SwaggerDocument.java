package dev.keel.api.openapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.resource.ResourceRegistry;
import dev.keel.api.resource.ResourceType;

/**
 * The whole API as one Swagger 2.0 document, served at /openapi/v2. kubectl 1.27 reads it (as protobuf) for
 * explain and to learn whether a kind's PATCH takes {@code fieldValidation}; later versions fall back to it.
 */
final class SwaggerDocument {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final SchemaDialect DIALECT = SchemaDialect.SWAGGER_2;

    private SwaggerDocument() {
    }

    static ObjectNode build(ResourceRegistry registry, String serverVersion) {
        ModelSchemaGenerator generator = new ModelSchemaGenerator(DIALECT);
        ObjectNode document = NODES.objectNode();
        document.put("swagger", "2.0");
        document.putObject("info").put("title", "Kubernetes").put("version", serverVersion);
        ObjectNode paths = document.putObject("paths");
        for (ResourceType type : registry.all()) {
            for (ApiPath path : ResourcePaths.of(type)) {
                paths.set(path.path(), path.toNode(operation -> operation(operation, generator),
                        SwaggerDocument::parameter));
            }
        }
        KindMarkers.mark(generator, registry.all());
        ObjectNode definitions = document.putObject("definitions");
        generator.definitions().forEach(definitions::set);
        return document;
    }

    private static ObjectNode operation(ApiOperation operation, ModelSchemaGenerator generator) {
        ObjectNode node = NODES.objectNode();
        node.put("operationId", operation.operationId());
        if (!operation.consumes().isEmpty()) {
            ArrayNode consumes = node.putArray("consumes");
            operation.consumes().forEach(consumes::add);
        }
        ArrayNode produces = node.putArray("produces");
        produces.add("application/json").add("application/yaml");
        ArrayNode parameters = node.putArray("parameters");
        if (operation.body() != null) {
            ObjectNode body = parameters.addObject();
            body.put("name", "body");
            body.put("in", "body");
            body.put("required", true);
            body.set("schema", DIALECT.ref(generator.define(operation.body())));
        }
        operation.query().forEach(parameter -> parameters.add(parameter(parameter)));
        ObjectNode responses = node.putObject("responses");
        ObjectNode ok = responses.putObject(operation.method().equals("post") ? "201" : "200");
        ok.put("description", operation.method().equals("post") ? "Created" : "OK");
        if (operation.response() != null) {
            ok.set("schema", DIALECT.ref(generator.define(operation.response())));
        }
        node.put(OpenApiExtensions.ACTION, operation.action());
        node.set(OpenApiExtensions.GROUP_VERSION_KIND, OpenApiExtensions.gvk(operation.gvk()));
        return node;
    }

    private static ObjectNode parameter(ApiParameter parameter) {
        ObjectNode node = NODES.objectNode();
        node.put("name", parameter.name());
        node.put("in", parameter.in());
        node.put("type", parameter.type());
        if (parameter.required()) {
            node.put("required", true);
        }
        node.put("uniqueItems", true);
        return node;
    }
}
