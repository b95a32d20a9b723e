package dev.keel.api.patch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** JSON value helpers shared by the patch engines. */
final class JsonValues {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonValues() {
    }

    /**
     * Compact JSON with object keys sorted, as Go's encoder writes maps: the form of managed-fields keys
     * ({@code k:{"containerPort":80,"protocol":"TCP"}}) and of the last-applied annotation.
     */
    static String canonical(JsonNode value) {
        try {
            return MAPPER.writeValueAsString(sorted(value));
        } catch (JsonProcessingException e) {
            // Trees built from parsed JSON always serialise; anything else is a programming error.
            throw new IllegalStateException("cannot serialise JSON value", e);
        }
    }

    /** Parses JSON text into a tree. */
    static JsonNode parse(String json) throws JsonProcessingException {
        return MAPPER.readTree(json);
    }

    /** A copy of {@code value} whose objects list their keys in sorted order. */
    private static JsonNode sorted(JsonNode value) {
        if (value.isObject()) {
            List<String> names = new ArrayList<>();
            value.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            ObjectNode out = NODES.objectNode();
            for (String name : names) {
                out.set(name, sorted(value.get(name)));
            }
            return out;
        }
        if (value.isArray()) {
            ArrayNode out = NODES.arrayNode(value.size());
            for (JsonNode item : value) {
                out.add(sorted(item));
            }
            return out;
        }
        return value;
    }
}
