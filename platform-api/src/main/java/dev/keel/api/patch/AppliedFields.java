package dev.keel.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The set of fields a configuration sets, as server-side apply records it for the applier: every scalar,
 * atomic value, empty object and explicit null is a member; so is every item of a keyed list and every value
 * of a set. Objects holding fields are not members themselves, so dropping their last field frees them.
 */
final class AppliedFields {

    private final TrackedFields tracked;
    private final FieldSet set = FieldSet.empty();
    private final List<String> path = new ArrayList<>();

    private AppliedFields(TrackedFields tracked) {
        this.tracked = tracked;
    }

    /**
     * @throws InvalidFieldException when a keyed list or set in {@code object} has items that cannot be
     *         identified
     */
    static FieldSet of(JsonNode object, FieldSchema schema, TrackedFields tracked) {
        AppliedFields walker = new AppliedFields(tracked);
        walker.object(object, schema);
        return walker.set;
    }

    private void object(JsonNode object, FieldSchema schema) {
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (tracked.skips(path, field.getKey())) {
                continue;
            }
            boolean topLevel = path.isEmpty();
            path.add(PathElements.field(field.getKey()));
            try {
                value(field.getValue(), schema.field(field.getKey()));
            } catch (InvalidFieldException e) {
                throw e.under(topLevel ? field.getKey() : "." + field.getKey());
            }
            path.remove(path.size() - 1);
        }
    }

    private void value(JsonNode value, FieldSchema schema) {
        if (value.isObject() && !value.isEmpty() && !schema.isAtomicObject()) {
            object(value, schema);
        } else if (value.isArray() && schema.listType() != FieldSchema.ListType.ATOMIC) {
            list(value, schema);
        } else if (tracked.recordsNode(path)) {
            set.insert(path);
        }
    }

    private void list(JsonNode list, FieldSchema schema) {
        // indexStrict rejects duplicates, so the items keep their list positions for error messages.
        int index = 0;
        for (Map.Entry<String, JsonNode> item : ListItems.indexStrict(list, schema).entrySet()) {
            path.add(item.getKey());
            set.insert(path);
            if (schema.listType() == FieldSchema.ListType.MAP && !schema.element().isAtomicObject()) {
                try {
                    object(item.getValue(), schema.element());
                } catch (InvalidFieldException e) {
                    throw e.under("[" + index + "]");
                }
            }
            path.remove(path.size() - 1);
            index++;
        }
    }
}
