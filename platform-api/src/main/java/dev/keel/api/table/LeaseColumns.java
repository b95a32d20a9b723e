package dev.keel.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/** NAME HOLDER AGE. */
@Component
public class LeaseColumns implements TableColumns {

    private static final List<ColumnDefinition> COLUMNS = List.of(
            ColumnDefinition.nameColumn(),
            ColumnDefinition.string("Holder", "Identity of the current holder of the lease."),
            ColumnDefinition.ageColumn());

    @Override
    public String kind() {
        return "Lease";
    }

    @Override
    public List<ColumnDefinition> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(JsonNode lease, Instant now) {
        return List.of(
                JsonFields.name(lease),
                JsonFields.text(lease.path("spec").path("holderIdentity")),
                JsonFields.age(lease, now));
    }
}
