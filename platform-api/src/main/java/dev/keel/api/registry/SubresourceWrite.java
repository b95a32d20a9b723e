package dev.keel.api.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Which part of the object a write through one subresource may change, as the status strategies of Kubernetes'
 * registry narrow a write: the result is what admission sees and what is stored.
 */
@FunctionalInterface
public interface SubresourceWrite {

    /** {@code status}: only the status changes; spec and metadata are the stored ones. */
    SubresourceWrite STATUS = (desired, current) -> {
        ObjectNode result = current.deepCopy();
        JsonNode status = desired.get("status");
        if (status == null || status.isNull()) {
            result.remove("status");
        } else {
            result.set("status", status.deepCopy());
        }
        return result;
    };

    /** A write the server makes of the whole object (a pod's binding sets spec and status together). */
    SubresourceWrite WHOLE_OBJECT = (desired, current) -> ObjectPreparation.keepServerMetadata(desired.deepCopy(), current);

    /** Only {@code spec.<field>} changes (a pod's {@code ephemeralcontainers}, a namespace's {@code finalize}). */
    static SubresourceWrite specField(String field) {
        return (desired, current) -> {
            ObjectNode result = current.deepCopy();
            JsonNode value = desired.path("spec").get(field);
            if (value == null || value.isNull()) {
                result.withObjectProperty("spec").remove(field);
            } else {
                result.withObjectProperty("spec").set(field, value.deepCopy());
            }
            return result;
        };
    }

    /** What may be stored of {@code desired} (what the client sent, after its change) given {@code current}. */
    ObjectNode prepare(ObjectNode desired, ObjectNode current);
}
