package dev.keel.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Null-tolerant reads from Kubernetes JSON. Stored objects may omit any field or carry an explicit
 * {@code null}, and neither may break a {@code kubectl get}.
 */
final class JsonFields {

    static final String NONE = "<none>";
    static final String UNSET = "<unset>";
    static final String UNKNOWN = "<unknown>";

    private JsonFields() {
    }

    /** The string at {@code node}, or "" when absent or null. */
    static String text(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return "";
        }
        return node.isTextual() ? node.textValue() : node.asText();
    }

    /** The string at {@code node}, even an empty one; {@code fallback} only when the field is unset. */
    static String textOr(JsonNode node, String fallback) {
        return node == null || node.isMissingNode() || node.isNull() ? fallback : text(node);
    }

    static boolean hasText(JsonNode node) {
        return !text(node).isEmpty();
    }

    static String orElse(String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }

    static long number(JsonNode node) {
        return node != null && node.isNumber() ? node.asLong() : 0;
    }

    static boolean isTrue(JsonNode node) {
        return node != null && node.isBoolean() && node.booleanValue();
    }

    /** Whether an optional sub-object such as {@code state.running} is set. */
    static boolean present(JsonNode node) {
        return node != null && node.isObject();
    }

    static Instant instant(JsonNode node) {
        return Durations.parse(text(node));
    }

    /** The elements of the array at {@code node}; absent or non-arrays read as empty. */
    static List<JsonNode> items(JsonNode node) {
        List<JsonNode> items = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(items::add);
        }
        return items;
    }

    static int size(JsonNode node) {
        return node != null && (node.isArray() || node.isObject()) ? node.size() : 0;
    }

    static String join(JsonNode array, Function<JsonNode, String> part) {
        return String.join(",", items(array).stream().map(part).toList());
    }

    static String name(JsonNode object) {
        return text(object.path("metadata").path("name"));
    }

    static boolean deleting(JsonNode object) {
        return hasText(object.path("metadata").path("deletionTimestamp"));
    }

    static String age(JsonNode object, Instant now) {
        return Durations.age(text(object.path("metadata").path("creationTimestamp")), now);
    }
}
