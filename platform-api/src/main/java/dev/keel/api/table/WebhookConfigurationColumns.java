package dev.keel.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/** NAME WEBHOOKS AGE, as kubectl shows both kinds of admission webhook configuration. */
abstract class WebhookConfigurationColumns implements TableColumns {

    private static final List<ColumnDefinition> COLUMNS = List.of(
            ColumnDefinition.nameColumn(),
            ColumnDefinition.integer("Webhooks", "Webhooks indicates the number of webhooks in the configuration."),
            ColumnDefinition.ageColumn());

    @Override
    public List<ColumnDefinition> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(JsonNode configuration, Instant now) {
        return List.of(JsonFields.name(configuration), JsonFields.size(configuration.path("webhooks")),
                JsonFields.age(configuration, now));
    }
}
