package dev.keel.api.codec;

import dev.keel.api.status.Statuses;

/** The {@code fieldValidation} query parameter: what to do with fields the kind does not define. */
public enum FieldValidation {
    /** Drop unknown fields silently. */
    IGNORE,
    /** Drop unknown fields and name them in a {@code Warning} header. */
    WARN,
    /** Refuse the request with 400. */
    STRICT;

    public static FieldValidation parse(String value) {
        if (value == null || value.isEmpty()) {
            return WARN;
        }
        return switch (value) {
            case "Ignore" -> IGNORE;
            case "Warn" -> WARN;
            case "Strict" -> STRICT;
            default -> throw Statuses.badRequest("fieldValidation must be one of Ignore, Warn or Strict, got \"" + value + "\"");
        };
    }
}
