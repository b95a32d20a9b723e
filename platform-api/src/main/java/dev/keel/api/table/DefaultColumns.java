package dev.keel.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/** NAME and AGE, for kinds without columns of their own. */
public final class DefaultColumns implements TableColumns {

    @Override
    public String kind() {
        return "";
    }

    @Override
    public List<ColumnDefinition> columns() {
        return List.of(ColumnDefinition.nameColumn(), ColumnDefinition.ageColumn());
    }

    @Override
    public List<Object> cells(JsonNode object, Instant now) {
        JsonNode metadata = object.path("metadata");
        return List.of(metadata.path("name").asText(), Durations.age(metadata.path("creationTimestamp").asText(null), now));
    }
}
