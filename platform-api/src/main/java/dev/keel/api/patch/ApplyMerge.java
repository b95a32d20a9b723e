package dev.keel.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The object side of server-side apply: merging an applied configuration into the live object, and pruning
 * the fields an applier set before and has now dropped.
 */
final class ApplyMerge {

    private ApplyMerge() {
    }

    /**
     * Merges {@code applied} into {@code live}, which it modifies and returns: objects merge field by field,
     * sets and keyed lists item by item, everything else (atomic lists and objects, scalars) is replaced.
     * A {@code null} in the configuration removes the field.
     *
     * @param live the live object, or null on create
     */
    static ObjectNode merge(ObjectNode live, ObjectNode applied, FieldSchema schema) {
        return mergeObject(live == null ? JsonValues.NODES.objectNode() : live, applied, schema);
    }

    private static ObjectNode mergeObject(ObjectNode target, JsonNode applied, FieldSchema schema) {
        for (Iterator<Map.Entry<String, JsonNode>> it = applied.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getValue().isNull()) {
                target.remove(field.getKey());
            } else {
                target.set(field.getKey(), mergeValue(target.get(field.getKey()), field.getValue(), schema.field(field.getKey())));
            }
        }
        return target;
    }

    private static JsonNode mergeValue(JsonNode live, JsonNode applied, FieldSchema schema) {
        if (applied.isObject() && !schema.isAtomicObject()) {
            return mergeObject(live instanceof ObjectNode object ? object : JsonValues.NODES.objectNode(), applied, schema);
        }
        if (applied.isArray() && schema.listType() != FieldSchema.ListType.ATOMIC) {
            return mergeList(live, applied, schema);
        }
        return applied.deepCopy();
    }

    private static JsonNode mergeList(JsonNode live, JsonNode applied, FieldSchema schema) {
        Map<String, JsonNode> appliedItems = ListItems.indexStrict(applied, schema);
        Map<String, JsonNode> liveItems = live != null && live.isArray() ? ListItems.index(live, schema) : Map.of();
        if (liveItems == null) {
            // The live list cannot be matched item by item; the configuration takes it over.
            return applied.deepCopy();
        }
        Map<String, JsonNode> merged = new LinkedHashMap<>(liveItems);
        appliedItems.forEach((element, item) -> merged.put(element, schema.listType() == FieldSchema.ListType.MAP
                ? mergeValue(merged.get(element), item, schema.element())
                : item.deepCopy()));
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(merged.entrySet());
        List<Map.Entry<String, JsonNode>> ordered = ElementOrder.arrange(entries, Map.Entry::getKey,
                new ArrayList<>(liveItems.keySet()), new ArrayList<>(appliedItems.keySet()));
        ArrayNode out = JsonValues.NODES.arrayNode(ordered.size());
        ordered.forEach(entry -> out.add(entry.getValue()));
        return out;
    }

    /**
     * Removes from {@code object} the fields in {@code dropped} that nobody keeps. A field is kept when
     * {@code kept} (the applier's new set plus every other manager's) holds it or anything below it; then only
     * the dropped fields below it go. A named field nobody keeps goes with everything in it, so a struct the
     * applier no longer sets does not linger empty.
     */
    static void prune(ObjectNode object, FieldSet dropped, FieldSet kept, FieldSchema schema) {
        pruneObject(object, dropped, kept, schema);
    }

    private static void pruneObject(ObjectNode object, FieldSet dropped, FieldSet kept, FieldSchema schema) {
        for (Map.Entry<String, FieldSet> entry : dropped.children().entrySet()) {
            if (!PathElements.isField(entry.getKey())) {
                continue;
            }
            String name = PathElements.fieldName(entry.getKey());
            JsonNode value = object.get(name);
            if (value == null) {
                continue;
            }
            FieldSet keptBelow = kept == null ? null : kept.child(entry.getKey());
            if (keptBelow == null || keptBelow.isEmpty()) {
                object.remove(name);
            } else {
                pruneValue(value, entry.getValue(), keptBelow, schema.field(name));
            }
        }
    }

    private static void pruneValue(JsonNode value, FieldSet dropped, FieldSet kept, FieldSchema schema) {
        if (value instanceof ObjectNode object) {
            pruneObject(object, dropped, kept, schema);
        } else if (value instanceof ArrayNode list && schema.listType() != FieldSchema.ListType.ATOMIC) {
            pruneList(list, dropped, kept, schema);
        }
    }

    private static void pruneList(ArrayNode list, FieldSet dropped, FieldSet kept, FieldSchema schema) {
        Map<String, JsonNode> items = ListItems.index(list, schema);
        if (items == null) {
            return;
        }
        List<JsonNode> remove = new ArrayList<>();
        for (Map.Entry<String, FieldSet> entry : dropped.children().entrySet()) {
            JsonNode item = items.get(entry.getKey());
            if (item == null) {
                continue;
            }
            FieldSet keptBelow = kept == null ? null : kept.child(entry.getKey());
            if (entry.getValue().isMember() && (keptBelow == null || keptBelow.isEmpty())) {
                remove.add(item);
            } else {
                pruneValue(item, entry.getValue(), keptBelow, schema.element());
            }
        }
        for (JsonNode item : remove) {
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) == item) {
                    list.remove(i);
                    break;
                }
            }
        }
    }
}
