package dev.keel.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/** NAME CREATED AT, as kubectl shows limit ranges (the creation time in RFC 3339, not an age). */
@Component
public class LimitRangeColumns implements TableColumns {

    private static final List<ColumnDefinition> COLUMNS = List.of(
            ColumnDefinition.nameColumn(),
            new ColumnDefinition("Created At", "string", "date-time",
                    "CreationTimestamp is a timestamp representing the server time when this object was created.", 0));

    @Override
    public String kind() {
        return "LimitRange";
    }

    @Override
    public List<ColumnDefinition> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(JsonNode limitRange, Instant now) {
        return List.of(JsonFields.name(limitRange), JsonFields.text(limitRange.path("metadata").path("creationTimestamp")));
    }
}
