package dev.keel.api.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.table.LabelText;

/**
 * The scale of the built-in workloads (Deployment, ReplicaSet, StatefulSet, ReplicationController):
 * {@code spec.replicas} (1 when unset), {@code status.replicas}, and the selector rendered from {@code spec.selector}.
 */
public final class BuiltinScale implements ScaleAccess {

    public static final BuiltinScale INSTANCE = new BuiltinScale();

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private BuiltinScale() {
    }

    @Override
    public ObjectNode toScale(ObjectNode object) {
        ObjectNode scale = NODES.objectNode();
        scale.put("kind", "Scale");
        scale.put("apiVersion", "autoscaling/v1");
        ObjectNode metadata = scale.putObject("metadata");
        JsonNode source = object.path("metadata");
        for (String field : new String[] {"name", "namespace", "uid", "resourceVersion", "creationTimestamp"}) {
            if (source.has(field)) {
                metadata.set(field, source.get(field));
            }
        }
        scale.putObject("spec").put("replicas", object.path("spec").path("replicas").asInt(1));
        ObjectNode status = scale.putObject("status");
        status.put("replicas", object.path("status").path("replicas").asInt(0));
        // The query-parameter form HPAs and kubectl read; an invalid selector selects nothing.
        status.put("selector", LabelText.render(labelSelector(object.path("spec").path("selector"))).orElse(""));
        return scale;
    }

    @Override
    public ObjectNode withReplicas(ObjectNode object, int replicas) {
        ObjectNode result = object.deepCopy();
        result.withObjectProperty("spec").put("replicas", replicas);
        return result;
    }

    /** A ReplicationController's selector is a plain label map: read as the matchLabels of a LabelSelector. */
    private static JsonNode labelSelector(JsonNode selector) {
        if (!selector.isObject() || selector.isEmpty()) {
            return selector;
        }
        for (JsonNode value : selector) {
            if (!value.isTextual()) {
                return selector;
            }
        }
        ObjectNode wrapped = NODES.objectNode();
        wrapped.set("matchLabels", selector);
        return wrapped;
    }
}
