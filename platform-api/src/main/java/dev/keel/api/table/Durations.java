package dev.keel.api.table;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Human durations as kubectl prints them: 45s, 3m20s, 5h, 2d3h, 400d. */
public final class Durations {

    private Durations() {
    }

    /** The age of an object created at {@code timestamp} (RFC 3339), or {@code <unknown>}. */
    public static String age(String timestamp, Instant now) {
        Instant created = parse(timestamp);
        return created == null ? "<unknown>" : human(Duration.between(created, now));
    }

    /** How long ago {@code then} was, or {@code <unknown>} when there is no such time. */
    public static String since(Instant then, Instant now) {
        return then == null ? "<unknown>" : human(Duration.between(then, now));
    }

    /** An RFC 3339 timestamp, or null when absent or unreadable. */
    public static Instant parse(String timestamp) {
        if (timestamp == null || timestamp.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(timestamp);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    public static String human(Duration duration) {
        // whole seconds truncated toward zero, so -1.5s counts as -1s like Kubernetes does
        long seconds = duration.isNegative() ? -duration.negated().getSeconds() : duration.getSeconds();
        // a second of clock skew still reads as "now"; more than that is a bad timestamp
        if (seconds < -1) {
            return "<invalid>";
        }
        if (seconds < 0) {
            return "0s";
        }
        if (seconds < 120) {
            return seconds + "s";
        }
        long minutes = seconds / 60;
        if (minutes < 10) {
            long rest = seconds % 60;
            return rest == 0 ? minutes + "m" : minutes + "m" + rest + "s";
        }
        if (minutes < 180) {
            return minutes + "m";
        }
        long hours = minutes / 60;
        if (hours < 8) {
            long rest = minutes % 60;
            return rest == 0 ? hours + "h" : hours + "h" + rest + "m";
        }
        if (hours < 48) {
            return hours + "h";
        }
        long days = hours / 24;
        if (days < 8) {
            long rest = hours % 24;
            return rest == 0 ? days + "d" : days + "d" + rest + "h";
        }
        if (days < 365 * 2) {
            return days + "d";
        }
        long years = days / 365;
        if (years < 8) {
            long rest = days % 365;
            return rest == 0 ? years + "y" : years + "y" + rest + "d";
        }
        return years + "y";
    }
}
