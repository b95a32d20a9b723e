package dev.keel.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/** NAME MIN AVAILABLE MAX UNAVAILABLE ALLOWED DISRUPTIONS AGE, as kubectl shows disruption budgets. */
@Component
public class PodDisruptionBudgetColumns implements TableColumns {

    private static final List<ColumnDefinition> COLUMNS = List.of(
            ColumnDefinition.nameColumn(),
            ColumnDefinition.string("Min Available", "The minimum number of pods that must be available."),
            ColumnDefinition.string("Max Unavailable", "The maximum number of pods that may be unavailable."),
            ColumnDefinition.integer("Allowed Disruptions", "Calculated number of pods that may be disrupted at this time."),
            ColumnDefinition.ageColumn());

    @Override
    public String kind() {
        return "PodDisruptionBudget";
    }

    @Override
    public List<ColumnDefinition> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(JsonNode budget, Instant now) {
        JsonNode spec = budget.path("spec");
        return List.of(
                JsonFields.name(budget),
                intOrPercent(spec.path("minAvailable")),
                intOrPercent(spec.path("maxUnavailable")),
                JsonFields.number(budget.path("status").path("disruptionsAllowed")),
                JsonFields.age(budget, now));
    }

    /** The number or percentage as written, {@code N/A} when unset (kubectl's printer). */
    private static String intOrPercent(JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            return "N/A";
        }
        return value.asText();
    }
}
