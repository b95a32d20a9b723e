package dev.keel.api.patch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.keel.api.resource.BuiltinResources;
import dev.keel.api.resource.ResourceType;
import java.io.UncheckedIOException;

/** Test helpers: JSON trees from YAML or JSON text (YAML flow style keeps tables short), and resource types. */
final class Json {

    private static final YAMLMapper YAML = new YAMLMapper();

    private Json() {
    }

    static JsonNode node(String text) {
        try {
            return YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode obj(String text) {
        return (ObjectNode) node(text);
    }

    /** A built-in type by group and plural, e.g. {@code type("apps", "deployments")}. */
    static ResourceType type(String group, String plural) {
        return BuiltinResources.registry().find(group, "v1", plural)
                .orElseThrow(() -> new IllegalArgumentException("no type " + group + "/" + plural));
    }
}
