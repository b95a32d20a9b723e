package dev.keel.api.table;

import static dev.keel.api.table.JsonFields.number;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/** NAME DESIRED CURRENT READY AGE, and CONTAINERS IMAGES SELECTOR (a plain label map) with {@code -o wide}. */
@Component
public class ReplicationControllerColumns implements TableColumns {

    private static final List<ColumnDefinition> COLUMNS = List.of(
            ColumnDefinition.nameColumn(),
            ColumnDefinition.integer("Desired", "Number of desired pods."),
            ColumnDefinition.integer("Current", "Number of actual replicas."),
            ColumnDefinition.integer("Ready", "Number of ready replicas."),
            ColumnDefinition.ageColumn(),
            TemplateCells.CONTAINERS,
            TemplateCells.IMAGES,
            TemplateCells.SELECTOR);

    @Override
    public String kind() {
        return "ReplicationController";
    }

    @Override
    public List<ColumnDefinition> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(JsonNode controller, Instant now) {
        JsonNode status = controller.path("status");
        return List.of(
                JsonFields.name(controller),
                TemplateCells.desiredReplicas(controller),
                number(status.path("replicas")),
                number(status.path("readyReplicas")),
                JsonFields.age(controller, now),
                TemplateCells.containers(controller),
                TemplateCells.images(controller),
                LabelText.labels(controller.path("spec").path("selector")));
    }
}
