package dev.keel.api.apiextensions.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Drops fields a structural schema does not declare (apiextensions' pruning package): everywhere except below
 * {@code x-kubernetes-preserve-unknown-fields: true} (whose declared properties are still pruned) and additional
 * properties. The root's and every embedded resource's {@code apiVersion}, {@code kind} and {@code metadata} are
 * kept; such {@code metadata} keeps only ObjectMeta's fields, as decoding into ObjectMeta does.
 */
final class Pruner {

    static final Set<String> OBJECT_META_FIELDS = Set.of("name", "generateName", "namespace", "selfLink", "uid",
            "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds",
            "labels", "annotations", "ownerReferences", "finalizers", "managedFields");
    private static final Set<String> TYPE_AND_META = Set.of("apiVersion", "kind", "metadata");

    private Pruner() {
    }

    static void pruneRoot(SchemaNode root, ObjectNode object) {
        pruneObject(root, object, true);
    }

    private static void prune(SchemaNode schema, JsonNode value) {
        if (schema == null || value == null) {
            return;
        }
        if (value.isObject()) {
            pruneObject(schema, (ObjectNode) value, schema.embeddedResource);
        } else if (value.isArray()) {
            value.forEach(item -> prune(schema.items, item));
        }
    }

    private static void pruneObject(SchemaNode schema, ObjectNode object, boolean typeAndMeta) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            if (typeAndMeta && TYPE_AND_META.contains(name)) {
                if (name.equals("metadata") && object.get(name).isObject()) {
                    ((ObjectNode) object.get(name)).retain(OBJECT_META_FIELDS);
                }
                continue;
            }
            SchemaNode child = schema.child(name);
            if (child != null) {
                prune(child, object.get(name));
            } else if (!schema.preserveUnknownFields) {
                object.remove(name);
            }
        }
    }
}
