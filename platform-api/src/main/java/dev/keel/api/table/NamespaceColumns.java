package dev.keel.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/** NAME STATUS AGE. */
@Component
public class NamespaceColumns implements TableColumns {

    private static final List<ColumnDefinition> COLUMNS = List.of(
            ColumnDefinition.nameColumn(),
            ColumnDefinition.string("Status", "Active or Terminating."),
            ColumnDefinition.ageColumn());

    @Override
    public String kind() {
        return "Namespace";
    }

    @Override
    public List<ColumnDefinition> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(JsonNode namespace, Instant now) {
        return List.of(
                JsonFields.name(namespace),
                JsonFields.text(namespace.path("status").path("phase")),
                JsonFields.age(namespace, now));
    }
}
