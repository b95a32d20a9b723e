package dev.keel.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/** NAME DATA AGE, where DATA counts text and binary keys together. */
@Component
public class ConfigMapColumns implements TableColumns {

    private static final List<ColumnDefinition> COLUMNS = List.of(
            ColumnDefinition.nameColumn(),
            ColumnDefinition.string("Data", "Number of keys in data and binaryData."),
            ColumnDefinition.ageColumn());

    @Override
    public String kind() {
        return "ConfigMap";
    }

    @Override
    public List<ColumnDefinition> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(JsonNode configMap, Instant now) {
        long keys = JsonFields.size(configMap.path("data")) + JsonFields.size(configMap.path("binaryData"));
        return List.of(JsonFields.name(configMap), keys, JsonFields.age(configMap, now));
    }
}
