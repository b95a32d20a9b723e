package dev.keel.api.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Checks on objects in their JSON form, addressed by JSON pointer, for table-driven defaulting tests. */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /** A JSON literal for the expected-value column, e.g. {@code json("{}")}. */
    public static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("bad JSON in test table: " + text, e);
        }
    }

    /** Asserts that the value at {@code pointer} equals {@code expected} (a JsonNode, or a plain value). */
    public static void assertAt(Object model, String pointer, Object expected) {
        JsonNode actual = ModelTrees.tree(model).at(pointer);
        JsonNode wanted = expected instanceof JsonNode node ? node : MAPPER.valueToTree(expected);
        // Compared as parsed text, so that a long 30 equals an int 30.
        assertThat(actual.isMissingNode() ? actual : json(actual.toString())).as(pointer).isEqualTo(json(wanted.toString()));
    }

    public static void assertAbsent(Object model, String pointer) {
        assertThat(ModelTrees.tree(model).at(pointer).isMissingNode()).as(pointer + " is absent").isTrue();
    }
}
