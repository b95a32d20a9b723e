package dev.keel.api.openapi;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What differs between the schemas of a Swagger 2.0 document (/openapi/v2) and an OpenAPI 3.0 one
 * (/openapi/v3): where references point, and how types without a single JSON type are written.
 */
public enum SchemaDialect {

    /**
     * kubectl's protobuf v2 parser makes an object with {@code type: object} a map, so kinds are written as bare
     * {@code properties}, free-form values as an empty schema, and int-or-string as a formatted string.
     */
    SWAGGER_2("#/definitions/"),

    /** Structural schemas as the API server publishes them; explain prints the reference's name for those. */
    OPENAPI_3("#/components/schemas/");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String refPrefix;

    SchemaDialect(String refPrefix) {
        this.refPrefix = refPrefix;
    }

    public String refPrefix() {
        return refPrefix;
    }

    ObjectNode ref(String definition) {
        return NODES.objectNode().put("$ref", refPrefix + definition);
    }

    /** An object with named properties (filled in by the caller). */
    ObjectNode kind() {
        ObjectNode schema = NODES.objectNode();
        if (this == OPENAPI_3) {
            schema.put("type", "object");
        }
        return schema;
    }

    /** A value of any shape, such as a RawExtension or a Map of Object. */
    ObjectNode freeForm() {
        ObjectNode schema = NODES.objectNode();
        if (this == OPENAPI_3) {
            schema.put("type", "object");
            schema.put("x-kubernetes-preserve-unknown-fields", true);
        }
        return schema;
    }

    /** IntOrString. */
    ObjectNode intOrString() {
        ObjectNode schema = NODES.objectNode();
        if (this == SWAGGER_2) {
            return schema.put("type", "string").put("format", "int-or-string");
        }
        schema.put("x-kubernetes-int-or-string", true);
        schema.putArray("anyOf").add(NODES.objectNode().put("type", "integer")).add(NODES.objectNode().put("type", "string"));
        return schema;
    }

    /** Quantity: a string in Swagger 2.0 as Kubernetes publishes it; int-or-string in OpenAPI 3 (YAML has {@code cpu: 2}). */
    ObjectNode quantity() {
        return this == SWAGGER_2 ? NODES.objectNode().put("type", "string") : intOrString();
    }

    /**
     * A reference carrying its own extensions. OpenAPI 3.0 ignores siblings of {@code $ref}, so there the
     * reference moves into a one-element {@code allOf}, as the API server does.
     */
    ObjectNode refWith(String definition, ObjectNode extensions) {
        ObjectNode schema = NODES.objectNode();
        if (this == OPENAPI_3) {
            schema.putArray("allOf").add(ref(definition));
        } else {
            schema.setAll(ref(definition));
        }
        schema.setAll(extensions);
        return schema;
    }
}
