package dev.keel.api.apiextensions.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/** Visits every value of an object that has a schema, with its field path (properties, additional keys, items). */
final class StructureWalker {

    interface Visitor {
        void visit(SchemaNode schema, JsonNode value, String path);
    }

    private StructureWalker() {
    }

    static void walk(SchemaNode schema, JsonNode value, String path, Visitor visitor) {
        if (schema == null || value == null || value.isNull()) {
            return;
        }
        visitor.visit(schema, value, path);
        if (value.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                walk(schema.child(field.getKey()), field.getValue(), FieldPaths.child(path, field.getKey()), visitor);
            }
        } else if (value.isArray() && schema.items != null) {
            for (int i = 0; i < value.size(); i++) {
                walk(schema.items, value.get(i), FieldPaths.index(path, i), visitor);
            }
        }
    }
}
