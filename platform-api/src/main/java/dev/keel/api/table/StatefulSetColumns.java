package dev.keel.api.table;

import static dev.keel.api.table.JsonFields.number;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/** NAME READY AGE, and CONTAINERS IMAGES with {@code -o wide} (no SELECTOR, unlike the other workloads). */
@Component
public class StatefulSetColumns implements TableColumns {

    private static final List<ColumnDefinition> COLUMNS = List.of(
            ColumnDefinition.nameColumn(),
            ColumnDefinition.string("Ready", "Ready pods out of desired pods."),
            ColumnDefinition.ageColumn(),
            TemplateCells.CONTAINERS,
            TemplateCells.IMAGES);

    @Override
    public String kind() {
        return "StatefulSet";
    }

    @Override
    public List<ColumnDefinition> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(JsonNode statefulSet, Instant now) {
        return List.of(
                JsonFields.name(statefulSet),
                number(statefulSet.path("status").path("readyReplicas")) + "/" + TemplateCells.desiredReplicas(statefulSet),
                JsonFields.age(statefulSet, now),
                TemplateCells.containers(statefulSet),
                TemplateCells.images(statefulSet));
    }
}
