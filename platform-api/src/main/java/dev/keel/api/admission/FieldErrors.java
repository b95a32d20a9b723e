package dev.keel.api.admission;

import io.fabric8.kubernetes.api.model.StatusCause;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Field errors in Kubernetes' wording ({@code spec.replicas: Invalid value: -1: must be greater than or equal
 * to 0}), collected so one 422 reports them all.
 */
public final class FieldErrors {

    private final List<StatusCause> causes = new ArrayList<>();

    public void required(String field, String detail) {
        add("FieldValueRequired", field, "Required value" + suffix(detail));
    }

    public void invalid(String field, Object value, String detail) {
        add("FieldValueInvalid", field, "Invalid value: " + render(value) + suffix(detail));
    }

    public void forbidden(String field, String detail) {
        add("FieldValueForbidden", field, "Forbidden" + suffix(detail));
    }

    public void duplicate(String field, Object value) {
        add("FieldValueDuplicate", field, "Duplicate value: " + render(value));
    }

    public void notSupported(String field, Object value, Collection<String> supported) {
        add("FieldValueNotSupported", field, "Unsupported value: " + render(value) + ": supported values: "
                + supported.stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(", ")));
    }

    public void notFound(String field, Object value) {
        add("FieldValueNotFound", field, "Not found: " + render(value));
    }

    public void tooLong(String field, int maxLength) {
        add("FieldValueTooLong", field, "Too long: may not be more than " + maxLength + " bytes");
    }

    /** An invalid field whose value Kubernetes leaves out of the message ({@code field.OmitValueType}). */
    public void invalidOmitted(String field, String detail) {
        add("FieldValueInvalid", field, "Invalid value" + suffix(detail));
    }

    public void tooMany(String field, int actual, int max) {
        add("FieldValueTooMany", field, "Too many: " + actual + ": must have at most " + max + " items");
    }

    /** The field may not change after creation. */
    public void immutable(String field) {
        add("FieldValueInvalid", field, "Invalid value: field is immutable");
    }

    /** Adds every message of a rule check (e.g. a name rule) as an invalid value of {@code field}. */
    public void invalidEach(String field, Object value, Collection<String> messages) {
        for (String message : messages) {
            invalid(field, value, message);
        }
    }

    public boolean isEmpty() {
        return causes.isEmpty();
    }

    /** How many errors were added so far. */
    public int size() {
        return causes.size();
    }

    public List<StatusCause> causes() {
        return List.copyOf(causes);
    }

    private void add(String reason, String field, String message) {
        StatusCause cause = new StatusCause();
        cause.setReason(reason);
        cause.setField(field);
        cause.setMessage(message);
        causes.add(cause);
    }

    private static String suffix(String detail) {
        return detail == null || detail.isEmpty() ? "" : ": " + detail;
    }

    private static String render(Object value) {
        if (value instanceof String s) {
            return "\"" + s + "\"";
        }
        return String.valueOf(value);
    }
}
