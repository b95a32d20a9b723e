package dev.keel.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/** NAME CREATED AT, as kube-apiserver's default table shows CustomResourceDefinitions. */
@Component
public class CustomResourceDefinitionColumns implements TableColumns {

    private static final List<ColumnDefinition> COLUMNS = List.of(
            ColumnDefinition.nameColumn(),
            new ColumnDefinition("Created At", "date", "",
                    "CreationTimestamp is a timestamp representing the server time when this object was created.", 0));

    @Override
    public String kind() {
        return "CustomResourceDefinition";
    }

    @Override
    public List<ColumnDefinition> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(JsonNode crd, Instant now) {
        return List.of(JsonFields.name(crd), JsonFields.text(crd.path("metadata").path("creationTimestamp")));
    }
}
