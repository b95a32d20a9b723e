package dev.keel.api.table;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A fixed clock, compact JSON and rows keyed by kubectl's header names, shared by the column tests. */
final class Fixtures {

    static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

    private static final ObjectMapper LENIENT = new ObjectMapper()
            .enable(JsonParser.Feature.ALLOW_SINGLE_QUOTES)
            .enable(JsonParser.Feature.ALLOW_UNQUOTED_FIELD_NAMES);

    private Fixtures() {
    }

    /** Relaxed JSON ({@code {metadata:{name:'a'}}}) so table rows fit on one line. */
    static ObjectNode json(String text) {
        try {
            return (ObjectNode) LENIENT.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException("bad test JSON: " + text, e);
        }
    }

    /** A timestamp {@code ago} before {@link #NOW}, e.g. {@code ago("5m")}, {@code ago("2h30m")} or {@code ago("400d")}. */
    static String ago(String ago) {
        Matcher part = Pattern.compile("(\\d+)([dhms])").matcher(ago);
        Duration total = Duration.ZERO;
        int end = 0;
        while (part.find() && part.start() == end) {
            long amount = Long.parseLong(part.group(1));
            total = total.plus(switch (part.group(2)) {
                case "d" -> Duration.ofDays(amount);
                case "h" -> Duration.ofHours(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofSeconds(amount);
            });
            end = part.end();
        }
        if (end != ago.length() || end == 0) {
            throw new IllegalArgumentException("not a duration like 5m or 2h30m: " + ago);
        }
        return NOW.minus(total).toString();
    }

    /** The cells of {@code object} keyed by upper-cased column name, as kubectl titles them. */
    static Map<String, Object> row(TableColumns columns, JsonNode object) {
        List<ColumnDefinition> definitions = columns.columns();
        List<Object> cells = columns.cells(object, NOW);
        if (cells.size() != definitions.size()) {
            throw new AssertionError(definitions.size() + " columns but " + cells.size() + " cells: " + cells);
        }
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < cells.size(); i++) {
            row.put(definitions.get(i).name().toUpperCase(Locale.ROOT), cells.get(i));
        }
        return row;
    }

    /** Upper-cased names of the columns with the given priority: 0 for plain output, 1 for the {@code -o wide} extras. */
    static List<String> headers(TableColumns columns, int priority) {
        return columns.columns().stream()
                .filter(c -> c.priority() == priority)
                .map(c -> c.name().toUpperCase(Locale.ROOT))
                .toList();
    }
}
