package dev.keel.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Identifies the items of sets and keyed lists by their managed-fields path element. */
final class ListItems {

    private ListItems() {
    }

    /**
     * The items of {@code list} by path element, in list order, for a list whose apply type is SET or MAP.
     * A list that cannot be identified that way (an item without its keys, a duplicate, an object in a set)
     * gives null, and callers treat it as atomic; {@link #indexStrict} reports why instead.
     */
    static Map<String, JsonNode> index(JsonNode list, FieldSchema schema) {
        try {
            return indexStrict(list, schema);
        } catch (InvalidFieldException e) {
            // Stored objects may predate a key rule; such a list is still comparable as a whole value.
            return null;
        }
    }

    /**
     * Like {@link #index} for an applied configuration, where every item must be identifiable.
     *
     * @throws InvalidFieldException naming the offending item
     */
    static Map<String, JsonNode> indexStrict(JsonNode list, FieldSchema schema) {
        Map<String, JsonNode> items = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            String element = element(item, schema, i);
            if (items.putIfAbsent(element, item) != null) {
                throw new InvalidFieldException("FieldValueDuplicate", "[" + i + "]",
                        "Duplicate value: " + PathElements.describe(List.of(element)));
            }
        }
        return items;
    }

    private static String element(JsonNode item, FieldSchema schema, int index) {
        if (schema.listType() == FieldSchema.ListType.SET) {
            if (item.isContainerNode()) {
                throw new InvalidFieldException("FieldValueTypeInvalid", "[" + index + "]",
                        "Invalid value: a set may only hold scalar values");
            }
            return PathElements.value(item);
        }
        if (!item.isObject()) {
            throw new InvalidFieldException("FieldValueTypeInvalid", "[" + index + "]",
                    "Invalid value: items of this list must be objects");
        }
        ObjectNode keys = JsonValues.NODES.objectNode();
        for (String key : schema.listKeys()) {
            JsonNode value = item.get(key);
            if (value == null || value.isNull()) {
                value = schema.keyDefault(key);
            }
            if (value == null) {
                throw new InvalidFieldException("FieldValueRequired", "[" + index + "]." + key,
                        "Required value: the item has no key field \"" + key + "\" and it has no default");
            }
            keys.set(key, value);
        }
        return PathElements.key(keys);
    }
}
