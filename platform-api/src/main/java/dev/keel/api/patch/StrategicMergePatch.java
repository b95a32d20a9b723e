package dev.keel.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.codec.JsonEquality;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kubernetes' strategic merge patch: a JSON merge patch in which lists with a merge strategy are merged item
 * by item (objects by their merge key, scalars as sets) instead of replaced, steered by directives:
 * <ul>
 *   <li>{@code "$patch": "replace"} in an object replaces it instead of merging; as a list item it replaces
 *       the list by the patch's other items</li>
 *   <li>{@code "$patch": "delete"} in an object removes it; as a list item, with the merge key, removes the
 *       stored item with that key</li>
 *   <li>{@code "$patch": "merge"} asks for the default and changes nothing</li>
 *   <li>{@code "$setElementOrder/f": [...]} gives the order of list {@code f} after the merge</li>
 *   <li>{@code "$deleteFromPrimitiveList/f": [...]} removes values from scalar list {@code f}</li>
 *   <li>{@code "$retainKeys": [...]} drops every stored key of the object not listed</li>
 *   <li>{@code null} removes a key</li>
 * </ul>
 * Values the schema does not describe are copied verbatim, so what kubectl applied is stored unchanged.
 */
final class StrategicMergePatch {

    static final String PATCH = "$patch";
    static final String RETAIN_KEYS = "$retainKeys";
    static final String SET_ELEMENT_ORDER = "$setElementOrder/";
    static final String DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList/";

    private StrategicMergePatch() {
    }

    /**
     * Returns {@code current} with {@code patch} applied; {@code current} is not modified.
     *
     * @throws dev.keel.api.status.ApiException 400 when the patch is not an object or misuses a directive
     */
    static ObjectNode apply(ObjectNode current, JsonNode patch, FieldSchema schema) {
        if (!(patch instanceof ObjectNode patchObject)) {
            throw PatchErrors.badRequest("a strategic merge patch must be a JSON object, not "
                    + (patch == null ? "empty" : patch.getNodeType().toString().toLowerCase()));
        }
        ObjectNode merged = mergeObject(current.deepCopy(), patchObject, schema, "");
        return merged == null ? JsonValues.NODES.objectNode() : merged;
    }

    /**
     * Merges {@code patch} into {@code target}, which it may modify.
     *
     * @param target the stored object, or null when there is none
     * @return the merged object, or null when the patch deletes it
     */
    private static ObjectNode mergeObject(ObjectNode target, ObjectNode patch, FieldSchema schema, String path) {
        JsonNode directive = patch.get(PATCH);
        if (directive != null) {
            switch (directiveName(directive, path)) {
                case "replace" -> {
                    ObjectNode rest = patch.deepCopy();
                    rest.remove(PATCH);
                    return mergeObject(null, rest, schema, path);
                }
                case "delete" -> {
                    return null;
                }
                case "merge" -> {
                    // The default: fall through to an ordinary merge.
                }
                default -> throw PatchErrors.badRequest("unknown patch directive at " + describe(path) + ": " + directive);
            }
        }
        ObjectNode result = target == null ? JsonValues.NODES.objectNode() : target;
        retainKeys(result, patch, path);

        Map<String, JsonNode> orders = new HashMap<>();
        Map<String, JsonNode> deletions = new HashMap<>();
        Set<String> fields = new LinkedHashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String key = entry.getKey();
            if (key.equals(PATCH) || key.equals(RETAIN_KEYS)) {
                continue;
            }
            if (key.startsWith(SET_ELEMENT_ORDER)) {
                String field = key.substring(SET_ELEMENT_ORDER.length());
                orders.put(field, requireArray(entry.getValue(), key, path));
                fields.add(field);
            } else if (key.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
                String field = key.substring(DELETE_FROM_PRIMITIVE_LIST.length());
                deletions.put(field, requireArray(entry.getValue(), key, path));
                fields.add(field);
            } else {
                fields.add(key);
            }
        }

        for (String field : fields) {
            String fieldPath = path + "." + field;
            FieldSchema fieldSchema = schema.field(field);
            JsonNode patchValue = patch.get(field);
            JsonNode stored = result.get(field);
            if (patchValue != null && patchValue.isNull()) {
                result.remove(field);
            } else if (patchValue == null || patchValue.isArray()) {
                ArrayNode merged = mergeList(stored instanceof ArrayNode list ? list : null, (ArrayNode) patchValue,
                        deletions.get(field), orders.get(field), fieldSchema, fieldPath);
                if (merged != null) {
                    result.set(field, merged);
                }
            } else if (patchValue.isObject()) {
                ObjectNode merged = mergeObject(stored instanceof ObjectNode object ? object : null, (ObjectNode) patchValue,
                        fieldSchema, fieldPath);
                if (merged == null) {
                    result.remove(field);
                } else {
                    result.set(field, merged);
                }
            } else {
                result.set(field, patchValue);
            }
        }
        return result;
    }

    /** {@code $retainKeys}: every stored key the list does not name goes, and the patch may only set listed keys. */
    private static void retainKeys(ObjectNode target, ObjectNode patch, String path) {
        JsonNode retain = patch.get(RETAIN_KEYS);
        if (retain == null) {
            return;
        }
        Set<String> keep = new HashSet<>();
        for (JsonNode key : requireArray(retain, RETAIN_KEYS, path)) {
            if (!key.isTextual()) {
                throw PatchErrors.badRequest("invalid patch at " + describe(path) + ": " + RETAIN_KEYS
                        + " must list field names, got " + key);
            }
            keep.add(key.textValue());
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String key = entry.getKey();
            if (entry.getValue().isNull() || key.startsWith("$")) {
                continue;
            }
            if (!keep.contains(key)) {
                throw PatchErrors.badRequest("invalid patch at " + describe(path) + ": field \"" + key
                        + "\" is set but not listed in " + RETAIN_KEYS);
            }
        }
        target.retain(keep);
    }

    /**
     * Merges a list. Lists without a merge strategy are replaced by the patch's list.
     *
     * @return the new list, or null to leave the field as it is (absent)
     */
    private static ArrayNode mergeList(ArrayNode stored, ArrayNode patch, JsonNode deletions, JsonNode order,
            FieldSchema schema, String path) {
        if (!schema.isMergeList()) {
            ArrayNode result = patch != null ? patch.deepCopy() : stored;
            if (deletions != null && result != null) {
                result = removeValues(result, deletions);
            }
            return result;
        }
        List<JsonNode> items;
        if (schema.mergeKey() != null) {
            if (deletions != null) {
                throw PatchErrors.badRequest("invalid patch at " + describe(path) + ": " + DELETE_FROM_PRIMITIVE_LIST
                        + " applies to lists of scalars, but this list is merged by \"" + schema.mergeKey() + "\"");
            }
            items = mergeKeyedItems(stored, patch, order, schema, path);
        } else {
            items = mergeScalarItems(stored, patch, deletions, order, path);
        }
        if (stored == null && items.isEmpty()) {
            return null;
        }
        ArrayNode result = JsonValues.NODES.arrayNode(items.size());
        result.addAll(items);
        return result;
    }

    private static List<JsonNode> mergeKeyedItems(ArrayNode stored, ArrayNode patch, JsonNode order, FieldSchema schema,
            String path) {
        String key = schema.mergeKey();
        List<JsonNode> items = new ArrayList<>();
        if (stored != null) {
            stored.forEach(items::add);
        }
        List<ObjectNode> regular = new ArrayList<>();
        boolean replace = false;
        if (patch != null) {
            for (JsonNode item : patch) {
                if (!(item instanceof ObjectNode object)) {
                    throw PatchErrors.badRequest("invalid patch at " + describe(path) + ": the list is merged by \"" + key
                            + "\" but an item is not an object: " + item);
                }
                JsonNode directive = object.get(PATCH);
                if (directive == null) {
                    regular.add(object);
                    continue;
                }
                switch (directiveName(directive, path)) {
                    case "replace" -> replace = true;
                    case "delete" -> {
                        JsonNode value = object.get(key);
                        if (value == null) {
                            throw PatchErrors.badRequest("invalid patch at " + describe(path)
                                    + ": a delete directive does not contain the merge key \"" + key + "\": " + object);
                        }
                        items.removeIf(existing -> JsonEquality.equal(existing.get(key), value));
                    }
                    case "merge" -> {
                        ObjectNode rest = object.deepCopy();
                        rest.remove(PATCH);
                        regular.add(rest);
                    }
                    default -> throw PatchErrors.badRequest("unknown patch directive at " + describe(path) + ": " + directive);
                }
            }
        }
        if (replace) {
            items.clear();
        }
        List<String> requested = new ArrayList<>();
        for (ObjectNode item : regular) {
            JsonNode value = item.get(key);
            if (value == null) {
                throw PatchErrors.badRequest("invalid patch at " + describe(path) + ": an item does not contain the merge key \""
                        + key + "\": " + item);
            }
            requested.add(JsonValues.canonical(value));
            int at = indexOf(items, key, value);
            JsonNode existing = at < 0 ? null : items.get(at);
            ObjectNode merged = mergeObject(existing instanceof ObjectNode object ? object : null, item, schema.element(),
                    path + "[" + key + "=" + value + "]");
            if (at < 0) {
                if (merged != null) {
                    items.add(merged);
                }
            } else if (merged == null) {
                items.remove(at);
            } else {
                items.set(at, merged);
            }
        }
        if (order != null) {
            requested = new ArrayList<>();
            for (JsonNode entry : order) {
                JsonNode value = entry.get(key);
                if (value == null) {
                    throw PatchErrors.badRequest("invalid patch at " + describe(path) + ": " + SET_ELEMENT_ORDER
                            + " entries must carry the merge key \"" + key + "\": " + entry);
                }
                requested.add(JsonValues.canonical(value));
            }
        }
        List<String> storedOrder = new ArrayList<>();
        if (stored != null && !replace) {
            stored.forEach(item -> storedOrder.add(identity(item, key)));
        }
        return ElementOrder.arrange(items, item -> identity(item, key), storedOrder, requested);
    }

    private static List<JsonNode> mergeScalarItems(ArrayNode stored, ArrayNode patch, JsonNode deletions, JsonNode order,
            String path) {
        List<JsonNode> items = new ArrayList<>();
        if (stored != null) {
            stored.forEach(items::add);
        }
        List<JsonNode> added = new ArrayList<>();
        boolean replace = false;
        if (patch != null) {
            for (JsonNode item : patch) {
                if (item.isObject() && item.has(PATCH)) {
                    switch (directiveName(item.get(PATCH), path)) {
                        case "replace" -> replace = true;
                        case "merge" -> {
                            // The default for a list of scalars.
                        }
                        default -> throw PatchErrors.badRequest("invalid patch at " + describe(path)
                                + ": a list of scalars accepts only the replace directive, got " + item);
                    }
                } else if (item.isContainerNode()) {
                    throw PatchErrors.badRequest("invalid patch at " + describe(path)
                            + ": the list is merged as a set of scalars but an item is " + item);
                } else {
                    added.add(item);
                }
            }
        }
        if (replace) {
            items.clear();
        }
        if (deletions != null) {
            for (JsonNode value : deletions) {
                items.removeIf(existing -> JsonEquality.equal(existing, value));
            }
        }
        // Kubernetes keeps scalar sets free of duplicates, stored ones included.
        Map<String, JsonNode> unique = new LinkedHashMap<>();
        items.forEach(item -> unique.putIfAbsent(JsonValues.canonical(item), item));
        added.forEach(item -> unique.putIfAbsent(JsonValues.canonical(item), item));
        List<String> requested = new ArrayList<>();
        if (order != null) {
            order.forEach(item -> requested.add(JsonValues.canonical(item)));
        } else {
            added.forEach(item -> requested.add(JsonValues.canonical(item)));
        }
        List<String> storedOrder = new ArrayList<>();
        if (stored != null && !replace) {
            stored.forEach(item -> storedOrder.add(JsonValues.canonical(item)));
        }
        return ElementOrder.arrange(new ArrayList<>(unique.values()), JsonValues::canonical, storedOrder, requested);
    }

    private static ArrayNode removeValues(ArrayNode list, JsonNode values) {
        ArrayNode result = JsonValues.NODES.arrayNode();
        for (JsonNode item : list) {
            boolean deleted = false;
            for (JsonNode value : values) {
                deleted |= JsonEquality.equal(item, value);
            }
            if (!deleted) {
                result.add(item);
            }
        }
        return result;
    }

    private static int indexOf(List<JsonNode> items, String key, JsonNode value) {
        for (int i = 0; i < items.size(); i++) {
            if (JsonEquality.equal(items.get(i).get(key), value)) {
                return i;
            }
        }
        return -1;
    }

    private static String identity(JsonNode item, String key) {
        JsonNode value = item.get(key);
        // Stored items without the key can only keep their place relative to each other.
        return value == null ? "\u0000" + System.identityHashCode(item) : JsonValues.canonical(value);
    }

    private static String directiveName(JsonNode directive, String path) {
        if (!directive.isTextual()) {
            throw PatchErrors.badRequest("invalid patch at " + describe(path) + ": " + PATCH + " must be a string, got " + directive);
        }
        return directive.textValue();
    }

    private static JsonNode requireArray(JsonNode value, String directive, String path) {
        if (!value.isArray()) {
            throw PatchErrors.badRequest("invalid patch at " + describe(path) + ": " + directive + " must be a list, got " + value);
        }
        return value;
    }

    private static String describe(String path) {
        return path.isEmpty() ? "the object root" : path.substring(1);
    }
}
