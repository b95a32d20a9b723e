package dev.keel.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/** NAME SECRETS AGE. */
@Component
public class ServiceAccountColumns implements TableColumns {

    private static final List<ColumnDefinition> COLUMNS = List.of(
            ColumnDefinition.nameColumn(),
            ColumnDefinition.string("Secrets", "Number of secrets listed on the service account."),
            ColumnDefinition.ageColumn());

    @Override
    public String kind() {
        return "ServiceAccount";
    }

    @Override
    public List<ColumnDefinition> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(JsonNode account, Instant now) {
        return List.of(
                JsonFields.name(account),
                (long) JsonFields.size(account.path("secrets")),
                JsonFields.age(account, now));
    }
}
