package dev.keel.api.selector;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.api.resource.ResourceType;
import dev.keel.api.status.Statuses;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A field selector ({@code fieldSelector=spec.nodeName=n1,status.phase!=Running}) over the fields each kind
 * supports, as in Kubernetes: metadata.name and metadata.namespace everywhere, plus a few per kind.
 */
public final class FieldSelector {

    private static final FieldSelector EVERYTHING = new FieldSelector(List.of());
    private static final Map<String, Set<String>> EXTRA_FIELDS = Map.of(
            "Pod", Set.of("spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName",
                    "spec.hostNetwork", "status.phase", "status.podIP", "status.nominatedNodeName"),
            "Event", Set.of("involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid",
                    "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason",
                    "reportingComponent", "source", "type"),
            "Secret", Set.of("type"),
            "Node", Set.of("spec.unschedulable"),
            "Namespace", Set.of("status.phase"),
            "Job", Set.of("status.successful"),
            "ReplicaSet", Set.of("status.replicas"));

    private final List<Term> terms;

    private FieldSelector(List<Term> terms) {
        this.terms = terms;
    }

    public static FieldSelector everything() {
        return EVERYTHING;
    }

    /** @throws dev.keel.api.status.ApiException 400 for syntax errors and fields the kind does not support */
    public static FieldSelector parse(String text, ResourceType type) {
        return parse(text, type, null);
    }

    /**
     * As {@link #parse(String, ResourceType)}, for a kind defined at runtime when {@code custom} is not null: its
     * field labels (a custom resource's selectableFields) besides metadata.name and metadata.namespace.
     */
    public static FieldSelector parse(String text, ResourceType type, List<String> custom) {
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
            if (custom != null && custom.isEmpty() && !field.equals("metadata.name") && !field.equals("metadata.namespace")) {
                // A custom kind without selectableFields: Kubernetes' default conversion and its words.
                throw Statuses.badRequest("\"" + field + "\" is not a known field selector: only \"metadata.name\", "
                        + "\"metadata.namespace\"");
            }
            if (custom != null ? !custom.contains(field) && !supported(field, null) : !supported(field, type)) {
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

    private static boolean supported(String field, ResourceType type) {
        return field.equals("metadata.name") || field.equals("metadata.namespace")
                || type != null && EXTRA_FIELDS.getOrDefault(type.kind(), Set.of()).contains(field);
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
