package dev.keel.api.patch;

/**
 * An applied configuration that does not fit its kind's list rules; reported as 422 with the field.
 * Thrown deep in the walkers, which prefix the field path on the way out.
 */
final class InvalidFieldException extends RuntimeException {

    private final String reason;
    private final String field;

    InvalidFieldException(String reason, String field, String message) {
        super(message);
        this.reason = reason;
        this.field = field;
    }

    private InvalidFieldException(InvalidFieldException inner, String prefix) {
        super(inner.getMessage(), inner);
        this.reason = inner.reason;
        this.field = prefix + inner.field;
    }

    /** This error with the path of the enclosing field in front. */
    InvalidFieldException under(String prefix) {
        return new InvalidFieldException(this, prefix);
    }

    String reason() {
        return reason;
    }

    /** The field, e.g. {@code spec.template.spec.containers[1].name}. */
    String field() {
        return field;
    }
}
