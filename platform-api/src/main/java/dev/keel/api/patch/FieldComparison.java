package dev.keel.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.api.codec.JsonEquality;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fields that differ between two versions of an object: paths that appeared (the new node and
 * everything below it), disappeared, or whose scalar or atomic value changed. Keyed list items and set values
 * are matched by identity, not position.
 */
final class FieldComparison {

    private final TrackedFields tracked;
    private final FieldSet added = FieldSet.empty();
    private final FieldSet modified = FieldSet.empty();
    private final FieldSet removed = FieldSet.empty();
    private final List<String> path = new ArrayList<>();

    private FieldComparison(TrackedFields tracked) {
        this.tracked = tracked;
    }

    /** Compares {@code before} with {@code after}; a null {@code before} is an empty object. */
    static FieldComparison compare(JsonNode before, JsonNode after, FieldSchema schema, TrackedFields tracked) {
        FieldComparison comparison = new FieldComparison(tracked);
        comparison.objects(before == null ? JsonValues.NODES.objectNode() : before, after, schema);
        return comparison;
    }

    FieldSet modified() {
        return modified;
    }

    FieldSet removed() {
        return removed;
    }

    /** Fields whose value is new or different: what a writer takes from other managers. */
    FieldSet changed() {
        return added.union(modified);
    }

    boolean isEmpty() {
        return added.isEmpty() && modified.isEmpty() && removed.isEmpty();
    }

    private void objects(JsonNode before, JsonNode after, FieldSchema schema) {
        Set<String> names = new LinkedHashSet<>();
        before.fieldNames().forEachRemaining(names::add);
        after.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            if (tracked.skips(path, name)) {
                continue;
            }
            path.add(PathElements.field(name));
            values(before.get(name), after.get(name), schema.field(name));
            path.remove(path.size() - 1);
        }
    }

    private void values(JsonNode before, JsonNode after, FieldSchema schema) {
        if (before == null) {
            collect(after, schema, added);
        } else if (after == null) {
            collect(before, schema, removed);
        } else if (before.isObject() && after.isObject() && !schema.isAtomicObject()) {
            objects(before, after, schema);
        } else if (before.isArray() && after.isArray() && schema.listType() != FieldSchema.ListType.ATOMIC) {
            lists(before, after, schema);
        } else if (!JsonEquality.equal(before, after)) {
            // A changed leaf, or a node that changed kind: what was below it is gone, what is below now is new.
            modified.insert(path);
            collectBelow(before, schema, removed);
            collectBelow(after, schema, added);
        }
    }

    private void lists(JsonNode before, JsonNode after, FieldSchema schema) {
        Map<String, JsonNode> old = ListItems.index(before, schema);
        Map<String, JsonNode> now = ListItems.index(after, schema);
        if (old == null || now == null) {
            if (!JsonEquality.equal(before, after)) {
                modified.insert(path);
            }
            return;
        }
        Set<String> elements = new LinkedHashSet<>(old.keySet());
        elements.addAll(now.keySet());
        for (String element : elements) {
            path.add(element);
            JsonNode was = old.get(element);
            JsonNode is = now.get(element);
            if (was == null) {
                collect(is, schema.element(), added);
            } else if (is == null) {
                collect(was, schema.element(), removed);
            } else if (schema.listType() == FieldSchema.ListType.MAP) {
                values(was, is, schema.element());
            }
            path.remove(path.size() - 1);
        }
    }

    /** Puts the node at the current path and everything below it into {@code into}. */
    private void collect(JsonNode value, FieldSchema schema, FieldSet into) {
        if (tracked.recordsNode(path)) {
            into.insert(path);
        }
        collectBelow(value, schema, into);
    }

    private void collectBelow(JsonNode value, FieldSchema schema, FieldSet into) {
        if (value.isObject() && !schema.isAtomicObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (tracked.skips(path, field.getKey())) {
                    continue;
                }
                path.add(PathElements.field(field.getKey()));
                collect(field.getValue(), schema.field(field.getKey()), into);
                path.remove(path.size() - 1);
            }
        } else if (value.isArray() && schema.listType() != FieldSchema.ListType.ATOMIC) {
            Map<String, JsonNode> items = ListItems.index(value, schema);
            if (items == null) {
                return;
            }
            for (Map.Entry<String, JsonNode> item : items.entrySet()) {
                path.add(item.getKey());
                collect(item.getValue(), schema.element(), into);
                path.remove(path.size() - 1);
            }
        }
    }
}
