package dev.keel.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds meta.k8s.io Tables: the column definitions of the kind, and one row per object carrying its
 * metadata as a PartialObjectMetadata (kubectl reads namespace and labels from there).
 */
public class TableRenderer {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Map<String, TableColumns> byKind = new HashMap<>();
    private final TableColumns fallback = new DefaultColumns();
    private final Clock clock;

    public TableRenderer(Collection<TableColumns> columns, Clock clock) {
        for (TableColumns kindColumns : columns) {
            byKind.put(kindColumns.kind(), kindColumns);
        }
        this.clock = clock;
    }

    /**
     * @param includeObject {@code None}, {@code Metadata} (the default) or {@code Object}
     * @param withColumns   false for watch events after the first, which may omit column definitions
     */
    public ObjectNode render(String kind, String tableVersion, List<? extends JsonNode> objects, String resourceVersion,
            String continueToken, String includeObject, boolean withColumns) {
        return render(byKind.getOrDefault(kind, fallback), tableVersion, objects, resourceVersion, continueToken,
                includeObject, withColumns);
    }

    /** A Table with the given columns (the kind's strategy holds them: {@code registry.KindStrategy#columns}). */
    public ObjectNode render(TableColumns columns, String tableVersion, List<? extends JsonNode> objects,
            String resourceVersion, String continueToken, String includeObject, boolean withColumns) {
        ObjectNode table = NODES.objectNode();
        table.put("kind", "Table");
        table.put("apiVersion", "meta.k8s.io/" + (tableVersion == null ? "v1" : tableVersion));
        ObjectNode metadata = table.putObject("metadata");
        if (resourceVersion != null) {
            metadata.put("resourceVersion", resourceVersion);
        }
        if (continueToken != null) {
            metadata.put("continue", continueToken);
        }
        ArrayNode definitions = table.putArray("columnDefinitions");
        if (withColumns) {
            for (ColumnDefinition column : columns.columns()) {
                ObjectNode definition = definitions.addObject();
                definition.put("name", column.name());
                definition.put("type", column.type());
                definition.put("format", column.format());
                definition.put("description", column.description());
                definition.put("priority", column.priority());
            }
        }
        ArrayNode rows = table.putArray("rows");
        // one instant for the whole table, so rows created together show the same age
        Instant now = clock.instant();
        for (JsonNode object : objects) {
            ObjectNode row = rows.addObject();
            ArrayNode cells = row.putArray("cells");
            for (Object cell : columns.cells(object, now)) {
                cells.add(cellNode(cell));
            }
            switch (includeObject == null ? "Metadata" : includeObject) {
                case "None" -> {
                }
                case "Object" -> row.set("object", object);
                default -> row.set("object", partialMetadata(object));
            }
        }
        return table;
    }

    /** Plain JSON values, so the table reads the same whether serialized or inspected as a tree. */
    private static JsonNode cellNode(Object cell) {
        if (cell == null) {
            return NODES.nullNode();
        }
        if (cell instanceof String text) {
            return NODES.textNode(text);
        }
        if (cell instanceof Integer || cell instanceof Long || cell instanceof Short) {
            return NODES.numberNode(((Number) cell).longValue());
        }
        if (cell instanceof Number number) {
            return NODES.numberNode(number.doubleValue());
        }
        if (cell instanceof Boolean flag) {
            return NODES.booleanNode(flag);
        }
        if (cell instanceof JsonNode node) {
            return node;
        }
        return NODES.pojoNode(cell);
    }

    /** A PartialObjectMetadata for {@code object}: its metadata under the meta.k8s.io kind. */
    public static ObjectNode partialMetadata(JsonNode object) {
        ObjectNode partial = NODES.objectNode();
        partial.put("kind", "PartialObjectMetadata");
        partial.put("apiVersion", "meta.k8s.io/v1");
        partial.set("metadata", object.path("metadata").deepCopy());
        return partial;
    }
}
