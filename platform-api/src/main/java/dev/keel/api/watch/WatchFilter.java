package dev.keel.api.watch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.selector.FieldSelector;
import dev.keel.api.selector.LabelSelector;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Which objects a watch or list sees: a namespace (null for all) and label and field selectors.
 * For a watch it also turns a change into the event a client should see, as Kubernetes does: an object
 * that stops matching is reported DELETED, one that starts matching ADDED.
 */
public record WatchFilter(String namespace, LabelSelector labels, FieldSelector fields) {

    /** Whether every object passes, so callers need not look at them. */
    public boolean isEverything() {
        return namespace == null && labels.isEverything() && fields.isEverything();
    }

    public boolean matches(JsonNode object) {
        if (object == null) {
            return false;
        }
        JsonNode metadata = object.path("metadata");
        if (namespace != null && !namespace.equals(metadata.path("namespace").asText())) {
            return false;
        }
        if (!labels.isEverything() && !labels.matches(labelsOf(metadata))) {
            return false;
        }
        return fields.isEverything() || fields.matches(object);
    }

    /** The event type this filter's watcher should see for {@code event}, or null to skip it. */
    public ChangeEvent.Type visibleType(ChangeEvent event) {
        return switch (event.type()) {
            case ADDED -> matches(event.object()) ? ChangeEvent.Type.ADDED : null;
            case DELETED -> matches(event.object()) ? ChangeEvent.Type.DELETED : null;
            case MODIFIED -> {
                boolean now = matches(event.object());
                boolean before = matches(event.previous());
                if (now && before) {
                    yield ChangeEvent.Type.MODIFIED;
                }
                if (now) {
                    yield ChangeEvent.Type.ADDED;
                }
                yield before ? ChangeEvent.Type.DELETED : null;
            }
        };
    }

    private static Map<String, String> labelsOf(JsonNode metadata) {
        JsonNode labels = metadata.path("labels");
        if (!(labels instanceof ObjectNode objectLabels) || objectLabels.isEmpty()) {
            return Map.of();
        }
        Map<String, String> result = new HashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = objectLabels.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            result.put(field.getKey(), field.getValue().asText());
        }
        return result;
    }
}
