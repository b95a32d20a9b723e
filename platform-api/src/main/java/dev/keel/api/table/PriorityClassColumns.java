package dev.keel.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/** NAME VALUE GLOBAL-DEFAULT AGE PREEMPTIONPOLICY, as kubectl shows priority classes. */
@Component
public class PriorityClassColumns implements TableColumns {

    private static final List<ColumnDefinition> COLUMNS = List.of(
            ColumnDefinition.nameColumn(),
            ColumnDefinition.integer("Value", "The priority of pods of this class."),
            new ColumnDefinition("Global-Default", "boolean", "", "Whether pods naming no class get this one.", 0),
            ColumnDefinition.ageColumn(),
            ColumnDefinition.string("PreemptionPolicy", "Whether pods of this class may preempt lower-priority pods."));

    @Override
    public String kind() {
        return "PriorityClass";
    }

    @Override
    public List<ColumnDefinition> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(JsonNode priorityClass, Instant now) {
        return List.of(
                JsonFields.name(priorityClass),
                JsonFields.number(priorityClass.path("value")),
                JsonFields.isTrue(priorityClass.path("globalDefault")),
                JsonFields.age(priorityClass, now),
                JsonFields.text(priorityClass.path("preemptionPolicy")));
    }
}
