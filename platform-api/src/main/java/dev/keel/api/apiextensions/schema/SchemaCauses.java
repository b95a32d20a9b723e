package dev.keel.api.apiextensions.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.api.admission.FieldErrors;
import io.fabric8.kubernetes.api.model.StatusCause;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Causes in the order found, worded by {@link FieldErrors} where it has the wording, plus the few kinds of field
 * error schema validation needs that it has not ({@code FieldValueTypeInvalid}, free-form reasons).
 */
final class SchemaCauses {

    private final List<StatusCause> causes = new ArrayList<>();

    void required(String field, String detail) {
        with(errors -> errors.required(field, detail));
    }

    void invalid(String field, Object value, String detail) {
        with(errors -> errors.invalid(field, value, detail));
    }

    void forbidden(String field, String detail) {
        with(errors -> errors.forbidden(field, detail));
    }

    void duplicate(String field, Object value) {
        with(errors -> errors.duplicate(field, value));
    }

    void notSupported(String field, Object value, Collection<String> supported) {
        with(errors -> errors.notSupported(field, value, supported));
    }

    void tooLong(String field, int max) {
        with(errors -> errors.tooLong(field, max));
    }

    void tooMany(String field, int actual, int max) {
        with(errors -> errors.tooMany(field, actual, max));
    }

    /** {@code field.TypeInvalid}: "Invalid value" wording, its own reason. */
    void typeInvalid(String field, Object value, String detail) {
        FieldErrors errors = new FieldErrors();
        errors.invalid(field, value, detail);
        StatusCause cause = errors.causes().get(0);
        cause.setReason("FieldValueTypeInvalid");
        causes.add(cause);
    }

    void add(StatusCause cause) {
        causes.add(cause);
    }

    void addAll(List<StatusCause> more) {
        causes.addAll(more);
    }

    boolean isEmpty() {
        return causes.isEmpty();
    }

    List<StatusCause> causes() {
        return List.copyOf(causes);
    }

    private void with(java.util.function.Consumer<FieldErrors> write) {
        FieldErrors errors = new FieldErrors();
        write.accept(errors);
        causes.addAll(errors.causes());
    }

    /** A JSON value as Kubernetes prints a bad value: strings quoted (by FieldErrors), numbers as Go's %v. */
    static Object value(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return new Printed("null");
        }
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isNumber()) {
            return new Printed(number(node.decimalValue()));
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        return new Printed(node.toString());
    }

    /** Go's {@code %v} of a float64 that came from JSON: {@code 10}, {@code 2.5}, {@code 1e+21}. */
    static String number(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.abs().compareTo(new BigDecimal("1e21")) >= 0) {
            String sci = String.format("%e", stripped.doubleValue()).replaceAll("\\.?0+e", "e");
            return sci.replace("e+0", "e+").replace("e-0", "e-");
        }
        return stripped.scale() <= 0 ? stripped.toBigInteger().toString() : stripped.toPlainString();
    }

    /** A value FieldErrors prints as is (not quoted). */
    record Printed(String text) {
        @Override
        public String toString() {
            return text;
        }
    }
}
