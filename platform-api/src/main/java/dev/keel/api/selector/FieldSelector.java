package dev.keel.api.selector;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.api.status.Statuses;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A field selector ({@code fieldSelector=spec.nodeName=n1,status.phase!=Running}) over the fields each kind
 * supports, as in Kubernetes: metadata.name and metadata.namespace everywhere, plus a few per kind (each kind's
 * strategy lists them: {@code registry.BuiltinStrategies}).
 */
public final class FieldSelector {

    private static final FieldSelector EVERYTHING = new FieldSelector(List.of());
    private final List<Term> terms;

    private FieldSelector(List<Term> terms) {
        this.terms = terms;
    }

    public static FieldSelector everything() {
        return EVERYTHING;
    }

    /**
     * @param supported the fields the kind's strategy lets a selector name ({@code registry.KindStrategy})
     * @throws dev.keel.api.status.ApiException 400 for syntax errors and fields the kind does not support
     */
    public static FieldSelector parse(String text, Set<String> supported) {
        if (text == null || text.isBlank()) {
            return EVERYTHING;
        }
        List<Term> terms = new ArrayList<>();
        for (String clause : text.split(",")) {
            String trimmed = clause.trim();
            int ne = trimmed.indexOf("!=");
            int eq = trimmed.indexOf('=');
            if (eq < 0) {
                throw Statuses.badRequest("invalid field selector: \"" + trimmed + "\": expected field=value or field!=value");
            }
            boolean negated = ne >= 0 && ne < eq;
            String field = trimmed.substring(0, negated ? ne : eq).trim();
            int valueStart = negated ? ne + 2 : (trimmed.startsWith("==", eq) ? eq + 2 : eq + 1);
            String value = trimmed.substring(valueStart).trim();
            if (!supported.contains(field)) {
                throw Statuses.badRequest("field label not supported: " + field);
            }
            terms.add(new Term(field, value, negated));
        }
        return new FieldSelector(List.copyOf(terms));
    }

    public boolean isEverything() {
        return terms.isEmpty();
    }

    /** The value an {@code metadata.name=X} term pins, if there is one; lets a list read a single key. */
    public String exactName() {
        for (Term term : terms) {
            if (!term.negated && term.field.equals("metadata.name")) {
                return term.value;
            }
        }
        return null;
    }

    public boolean matches(JsonNode object) {
        for (Term term : terms) {
            boolean equal = term.value.equals(valueAt(object, term.field));
            if (equal == term.negated) {
                return false;
            }
        }
        return true;
    }

    private static String valueAt(JsonNode object, String path) {
        JsonNode node = object;
        for (String part : path.split("\\.")) {
            node = node == null ? null : node.get(part);
        }
        if (node == null || node.isNull()) {
            return path.equals("spec.unschedulable") || path.equals("spec.hostNetwork") ? "false" : "";
        }
        return node.asText();
    }

    private record Term(String field, String value, boolean negated) {
    }
}
