package dev.keel.api.table;

import static dev.keel.api.table.JsonFields.hasText;
import static dev.keel.api.table.JsonFields.instant;
import static dev.keel.api.table.JsonFields.number;
import static dev.keel.api.table.JsonFields.orElse;
import static dev.keel.api.table.JsonFields.present;
import static dev.keel.api.table.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * LAST SEEN TYPE REASON OBJECT MESSAGE, and SUBOBJECT SOURCE FIRST SEEN COUNT NAME with {@code -o wide}.
 * Events have no NAME column up front: the wide NAME column carries the name format for {@code -o name}.
 */
@Component
public class EventColumns implements TableColumns {

    private static final List<ColumnDefinition> COLUMNS = List.of(
            ColumnDefinition.string("Last Seen", "How long ago the event was last seen."),
            ColumnDefinition.string("Type", "Normal or Warning."),
            ColumnDefinition.string("Reason", "Short machine-readable cause of the event."),
            ColumnDefinition.string("Object", "The object the event is about, as kind/name."),
            ColumnDefinition.wide("Subobject", "Field path of the part of the object the event is about."),
            ColumnDefinition.wide("Source", "Component (and host) that reported the event."),
            ColumnDefinition.string("Message", "Human-readable description of the event."),
            ColumnDefinition.wide("First Seen", "How long ago the event was first seen."),
            ColumnDefinition.wide("Count", "How many times the event has occurred."),
            new ColumnDefinition("Name", "string", "name", ColumnDefinition.nameColumn().description(), 1));

    @Override
    public String kind() {
        return "Event";
    }

    @Override
    public List<ColumnDefinition> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(JsonNode event, Instant now) {
        // events.k8s.io-style writers set eventTime and series instead of the timestamps and count
        Instant firstTime = instant(event.path("firstTimestamp"));
        String firstSeen = Durations.since(firstTime != null ? firstTime : instant(event.path("eventTime")), now);
        Instant lastTime = instant(event.path("lastTimestamp"));
        String lastSeen = lastTime != null ? Durations.since(lastTime, now) : firstSeen;
        long count = number(event.path("count"));
        JsonNode series = event.path("series");
        if (present(series)) {
            lastSeen = Durations.since(instant(series.path("lastObservedTime")), now);
            count = number(series.path("count"));
        } else if (count == 0) {
            count = 1;
        }
        JsonNode involved = event.path("involvedObject");
        return List.of(
                lastSeen,
                text(event.path("type")),
                text(event.path("reason")),
                object(involved),
                text(involved.path("fieldPath")),
                source(event),
                text(event.path("message")).strip(),
                firstSeen,
                count,
                JsonFields.name(event));
    }

    private static String object(JsonNode involved) {
        String kind = text(involved.path("kind")).toLowerCase(Locale.ROOT);
        return hasText(involved.path("name")) ? kind + "/" + text(involved.path("name")) : kind;
    }

    /** {@code component, host}; newer writers fill reportingComponent and reportingInstance instead. */
    private static String source(JsonNode event) {
        JsonNode source = event.path("source");
        String component = orElse(text(source.path("component")), text(event.path("reportingComponent")));
        String instance = orElse(text(source.path("host")), text(event.path("reportingInstance")));
        return instance.isEmpty() ? component : component + ", " + instance;
    }
}
