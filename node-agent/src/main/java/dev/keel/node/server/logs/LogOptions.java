package dev.keel.node.server.logs;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The options of a log request, as the query parameters of {@code pods/log} name them.
 *
 * @param follow     keep streaming new lines (and the next container's after a restart)
 * @param tailLines  only the last N lines; null: all
 * @param previous   the previous container's log instead of the current one
 * @param timestamps prefix each line with its time
 * @param since      only lines at or after this time; null: all
 * @param limitBytes stop after this many bytes; null: no limit
 */
public record LogOptions(boolean follow, Long tailLines, boolean previous, boolean timestamps, Instant since,
    Long limitBytes) {

    /** From query parameters; {@code now} turns sinceSeconds into a time. Bad numbers are IllegalArgumentExceptions. */
    public static LogOptions from(Map<String, List<String>> query, Instant now) {
        Long sinceSeconds = number(query, "sinceSeconds");
        String sinceTime = first(query, "sinceTime");
        Instant since = sinceSeconds != null ? now.minusSeconds(sinceSeconds)
            : sinceTime != null ? Instant.parse(sinceTime) : null;
        return new LogOptions(flag(query, "follow"), number(query, "tailLines"), flag(query, "previous"),
            flag(query, "timestamps"), since, number(query, "limitBytes"));
    }

    private static boolean flag(Map<String, List<String>> query, String name) {
        return "true".equals(first(query, name));
    }

    private static Long number(Map<String, List<String>> query, String name) {
        String value = first(query, name);
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            long parsed = Long.parseLong(value);
            if (parsed < 0) {
                throw new IllegalArgumentException(name + " must not be negative: " + value);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number: " + value, e);
        }
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
