package dev.keel.api.testing.badinput;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Small edits of JSON trees by pointer, for the generator's mutations. */
final class JsonTrees {

    static final ObjectMapper JSON = new ObjectMapper();

    private JsonTrees() {
    }

    /** A scalar leaf of an object: its pointer and value. */
    record Leaf(String pointer, JsonNode value) {

        /** The last field name on the way to this leaf that is not a list index. */
        String fieldName() {
            String[] parts = pointer.split("/");
            for (int i = parts.length - 1; i > 0; i--) {
                if (!parts[i].chars().allMatch(Character::isDigit)) {
                    return parts[i];
                }
            }
            return "";
        }
    }

    /** Every scalar leaf under {@code node}, in document order. */
    static List<Leaf> leaves(JsonNode node) {
        List<Leaf> leaves = new ArrayList<>();
        collect(node, "", leaves);
        return leaves;
    }

    private static void collect(JsonNode node, String pointer, List<Leaf> leaves) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                collect(field.getValue(), pointer + "/" + field.getKey().replace("~", "~0").replace("/", "~1"), leaves);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), pointer + "/" + i, leaves);
            }
        } else {
            leaves.add(new Leaf(pointer, node));
        }
    }

    /** Sets (or adds) the value at {@code pointer}; the parent must exist. */
    static void set(JsonNode root, String pointer, JsonNode value) {
        JsonPointer path = JsonPointer.compile(pointer);
        JsonNode parent = root.at(path.head());
        String last = path.last().getMatchingProperty();
        if (parent instanceof ObjectNode object) {
            object.set(last, value);
        } else if (parent instanceof ArrayNode array) {
            int index = Integer.parseInt(last);
            if (index < array.size()) {
                array.set(index, value);
            } else {
                array.add(value);
            }
        } else {
            throw new IllegalArgumentException("no parent for " + pointer);
        }
    }

    static void remove(JsonNode root, String pointer) {
        JsonPointer path = JsonPointer.compile(pointer);
        JsonNode parent = root.at(path.head());
        if (parent instanceof ObjectNode object) {
            object.remove(path.last().getMatchingProperty());
        } else if (parent instanceof ArrayNode array) {
            array.remove(Integer.parseInt(path.last().getMatchingProperty()));
        }
    }

    static ObjectNode object(ObjectNode root, String pointer) {
        JsonNode node = root.at(pointer);
        if (!(node instanceof ObjectNode object)) {
            throw new IllegalArgumentException(pointer + " is not an object");
        }
        return object;
    }

    static ArrayNode array(ObjectNode root, String pointer) {
        JsonNode node = root.at(pointer);
        if (!(node instanceof ArrayNode array)) {
            throw new IllegalArgumentException(pointer + " is not a list");
        }
        return array;
    }

    static String write(JsonNode node) {
        return node.toString();
    }

    static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not JSON: " + text, e);
        }
    }
}
