package dev.keel.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/** NAME TYPE DATA AGE. */
@Component
public class SecretColumns implements TableColumns {

    private static final List<ColumnDefinition> COLUMNS = List.of(
            ColumnDefinition.nameColumn(),
            ColumnDefinition.string("Type", "The secret's type, e.g. Opaque."),
            ColumnDefinition.string("Data", "Number of keys in data."),
            ColumnDefinition.ageColumn());

    @Override
    public String kind() {
        return "Secret";
    }

    @Override
    public List<ColumnDefinition> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(JsonNode secret, Instant now) {
        return List.of(
                JsonFields.name(secret),
                JsonFields.text(secret.path("type")),
                keys(secret),
                JsonFields.age(secret, now));
    }

    /** Kubernetes folds stringData into data on write; should a stored secret still carry it, count its keys once. */
    private static long keys(JsonNode secret) {
        Set<String> keys = new HashSet<>();
        for (String field : List.of("data", "stringData")) {
            JsonNode map = secret.path(field);
            if (map.isObject()) {
                map.fieldNames().forEachRemaining(keys::add);
            }
        }
        return keys.size();
    }
}
