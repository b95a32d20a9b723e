package dev.keel.api.table;

import static dev.keel.api.table.JsonFields.number;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/** NAME DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE SELECTOR AGE, and CONTAINERS IMAGES SELECTOR with {@code -o wide}. */
@Component
public class DaemonSetColumns implements TableColumns {

    private static final List<ColumnDefinition> COLUMNS = List.of(
            ColumnDefinition.nameColumn(),
            ColumnDefinition.integer("Desired", "Nodes that should run the daemon pod."),
            ColumnDefinition.integer("Current", "Nodes running at least one daemon pod that should."),
            ColumnDefinition.integer("Ready", "Nodes whose daemon pod is ready."),
            ColumnDefinition.integer("Up-to-date", "Nodes running the current pod template."),
            ColumnDefinition.integer("Available", "Nodes whose daemon pod has been ready for minReadySeconds."),
            ColumnDefinition.string("Node Selector", "Node labels a node needs to run the daemon pod."),
            ColumnDefinition.ageColumn(),
            TemplateCells.CONTAINERS,
            TemplateCells.IMAGES,
            TemplateCells.SELECTOR);

    @Override
    public String kind() {
        return "DaemonSet";
    }

    @Override
    public List<ColumnDefinition> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(JsonNode daemonSet, Instant now) {
        JsonNode status = daemonSet.path("status");
        return List.of(
                JsonFields.name(daemonSet),
                number(status.path("desiredNumberScheduled")),
                number(status.path("currentNumberScheduled")),
                number(status.path("numberReady")),
                number(status.path("updatedNumberScheduled")),
                number(status.path("numberAvailable")),
                LabelText.labels(TemplateCells.podSpec(daemonSet).path("nodeSelector")),
                JsonFields.age(daemonSet, now),
                TemplateCells.containers(daemonSet),
                TemplateCells.images(daemonSet),
                TemplateCells.selector(daemonSet));
    }
}
