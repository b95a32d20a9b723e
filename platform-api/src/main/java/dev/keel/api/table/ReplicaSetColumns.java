package dev.keel.api.table;

import static dev.keel.api.table.JsonFields.number;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/** NAME DESIRED CURRENT READY AGE, and CONTAINERS IMAGES SELECTOR with {@code -o wide}. */
@Component
public class ReplicaSetColumns implements TableColumns {

    private static final List<ColumnDefinition> COLUMNS = List.of(
            ColumnDefinition.nameColumn(),
            ColumnDefinition.integer("Desired", "Pods the replica set should run."),
            ColumnDefinition.integer("Current", "Pods the replica set runs now."),
            ColumnDefinition.integer("Ready", "Pods of the replica set that are ready."),
            ColumnDefinition.ageColumn(),
            TemplateCells.CONTAINERS,
            TemplateCells.IMAGES,
            TemplateCells.SELECTOR);

    @Override
    public String kind() {
        return "ReplicaSet";
    }

    @Override
    public List<ColumnDefinition> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(JsonNode replicaSet, Instant now) {
        JsonNode status = replicaSet.path("status");
        return List.of(
                JsonFields.name(replicaSet),
                TemplateCells.desiredReplicas(replicaSet),
                number(status.path("replicas")),
                number(status.path("readyReplicas")),
                JsonFields.age(replicaSet, now),
                TemplateCells.containers(replicaSet),
                TemplateCells.images(replicaSet),
                selector(replicaSet));
    }

    /** The SELECTOR cell: a label selector's text (a ReplicationController's plain map overrides this). */
    protected String selector(JsonNode replicaSet) {
        return TemplateCells.selector(replicaSet);
    }
}
