package dev.keel.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/**
 * NAME AGE REQUEST LIMIT, as kubectl shows quotas: each resource of {@code status.hard} as {@code name: used/hard},
 * sorted by name; those named {@code limits.*} in LIMIT, the rest in REQUEST.
 */
@Component
public class ResourceQuotaColumns implements TableColumns {

    private static final List<ColumnDefinition> COLUMNS = List.of(
            ColumnDefinition.nameColumn(),
            ColumnDefinition.ageColumn(),
            ColumnDefinition.string("Request", "Request represents a minimum amount of cpu/memory that a container may consume."),
            ColumnDefinition.string("Limit", "Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node."));

    @Override
    public String kind() {
        return "ResourceQuota";
    }

    @Override
    public List<ColumnDefinition> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(JsonNode quota, Instant now) {
        JsonNode hard = quota.path("status").path("hard");
        JsonNode used = quota.path("status").path("used");
        TreeSet<String> names = new TreeSet<>();
        hard.fieldNames().forEachRemaining(names::add);
        List<String> requests = new ArrayList<>();
        List<String> limits = new ArrayList<>();
        for (String name : names) {
            String cell = name + ": " + JsonFields.textOr(used.path(name), "0") + "/" + JsonFields.text(hard.path(name));
            (name.startsWith("limits.") ? limits : requests).add(cell);
        }
        return List.of(JsonFields.name(quota), JsonFields.age(quota, now), String.join(", ", requests), String.join(", ", limits));
    }
}
