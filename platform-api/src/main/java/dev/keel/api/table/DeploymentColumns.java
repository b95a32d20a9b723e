package dev.keel.api.table;

import static dev.keel.api.table.JsonFields.number;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/** NAME READY UP-TO-DATE AVAILABLE AGE, and CONTAINERS IMAGES SELECTOR with {@code -o wide}. */
@Component
public class DeploymentColumns implements TableColumns {

    // Kubernetes declares UP-TO-DATE and AVAILABLE as strings yet fills them with integers; kept as is
    private static final List<ColumnDefinition> COLUMNS = List.of(
            ColumnDefinition.nameColumn(),
            ColumnDefinition.string("Ready", "Ready pods out of desired pods."),
            ColumnDefinition.string("Up-to-date", "Pods running the current pod template."),
            ColumnDefinition.string("Available", "Pods ready for at least minReadySeconds."),
            ColumnDefinition.ageColumn(),
            TemplateCells.CONTAINERS,
            TemplateCells.IMAGES,
            TemplateCells.SELECTOR);

    @Override
    public String kind() {
        return "Deployment";
    }

    @Override
    public List<ColumnDefinition> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(JsonNode deployment, Instant now) {
        JsonNode status = deployment.path("status");
        return List.of(
                JsonFields.name(deployment),
                number(status.path("readyReplicas")) + "/" + TemplateCells.desiredReplicas(deployment),
                number(status.path("updatedReplicas")),
                number(status.path("availableReplicas")),
                JsonFields.age(deployment, now),
                TemplateCells.containers(deployment),
                TemplateCells.images(deployment),
                // unlike the other workloads, an empty selector prints blank rather than <none>
                LabelText.render(deployment.path("spec").path("selector")).orElse("<invalid>"));
    }
}
