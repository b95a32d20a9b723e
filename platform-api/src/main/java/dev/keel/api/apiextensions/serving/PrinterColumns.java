package dev.keel.api.apiextensions.serving;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.api.table.ColumnDefinition;
import dev.keel.api.table.Durations;
import dev.keel.api.table.TableColumns;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A custom kind's table: Name, then its {@code additionalPrinterColumns} (or Age when it declares none), each cell
 * the column's JSONPath formatted by its type as kube-apiserver's table convertor does: a {@code date} becomes an age.
 */
final class PrinterColumns implements TableColumns {

    private static final CustomKind.PrinterColumn AGE = new CustomKind.PrinterColumn("Age", "date", "",
            "CreationTimestamp is a timestamp representing the server time when this object was created. "
                    + "It is not guaranteed to be set in happens-before order across separate operations.",
            0, ".metadata.creationTimestamp");

    private final String kind;
    private final List<CustomKind.PrinterColumn> columns;

    PrinterColumns(CustomKind custom) {
        this.kind = custom.type().kind();
        this.columns = custom.printerColumns().isEmpty() ? List.of(AGE) : custom.printerColumns();
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public List<ColumnDefinition> columns() {
        List<ColumnDefinition> definitions = new ArrayList<>();
        definitions.add(ColumnDefinition.nameColumn());
        for (CustomKind.PrinterColumn column : columns) {
            definitions.add(new ColumnDefinition(column.name(), column.type(), column.format(), column.description(),
                    column.priority()));
        }
        return definitions;
    }

    @Override
    public List<Object> cells(JsonNode object, Instant now) {
        List<Object> cells = new ArrayList<>();
        cells.add(object.path("metadata").path("name").asText());
        for (CustomKind.PrinterColumn column : columns) {
            cells.add(cell(column, object, now));
        }
        return cells;
    }

    private static Object cell(CustomKind.PrinterColumn column, JsonNode object, Instant now) {
        List<JsonNode> values;
        try {
            values = JsonPaths.find(object, column.jsonPath());
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            // Several results print as client-go's jsonpath prints them: space-separated.
            return values.stream().map(v -> v.isValueNode() ? v.asText() : v.toString()).collect(Collectors.joining(" "));
        }
        JsonNode value = values.get(0);
        if (value.isNull()) {
            return null;
        }
        switch (column.type()) {
            case "integer" -> {
                return value.isNumber() ? (Object) value.asLong() : null;
            }
            case "number" -> {
                return value.isNumber() ? (Object) value.asDouble() : null;
            }
            case "boolean" -> {
                return value.isBoolean() ? (Object) value.asBoolean() : null;
            }
            case "date" -> {
                Instant time = value.isTextual() ? Durations.parse(value.asText()) : null;
                return time == null ? null : Durations.since(time, now);
            }
            default -> {
                return value.isValueNode() ? value.asText() : value.toString();
            }
        }
    }
}
