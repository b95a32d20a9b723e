package dev.keel.api.apiextensions.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.StatusCause;
import java.io.UncheckedIOException;
import java.util.List;

/** Test helpers: schemas and objects written as YAML, causes printed as kubectl shows them. */
final class Schemas {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Schemas() {
    }

    static JsonNode yaml(String text) {
        try {
            return YAML.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode object(String text) {
        return (ObjectNode) yaml(text);
    }

    /** A root schema whose {@code spec} is the given schema. */
    static JsonNode withSpec(String specSchema) {
        return yaml("""
                type: object
                properties:
                  spec:
                %s
                """.formatted(specSchema.indent(4)));
    }

    static ObjectNode withSpecValue(String specValue) {
        return object("""
                apiVersion: example.com/v1
                kind: Widget
                metadata: {name: w}
                spec:
                %s
                """.formatted(specValue.indent(2)));
    }

    /** "field: message", as kubectl prints each cause of a 422. */
    static List<String> lines(List<StatusCause> causes) {
        return causes.stream().map(c -> c.getField() + ": " + c.getMessage()).toList();
    }

    static List<String> validate(JsonNode schema, JsonNode object) {
        return lines(CustomResourceSchema.compile(schema).validate(object, null));
    }
}
