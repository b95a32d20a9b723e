package dev.keel.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.resource.ResourceType;

/** Applies a JSON patch, JSON merge patch or strategic merge patch to an object. */
public interface ObjectPatcher {

    /**
     * Returns the patched object; {@code current} is not modified.
     *
     * @param type the kind being patched: strategic merge patches merge its lists by their Kubernetes merge keys
     * @throws dev.keel.api.status.ApiException 400 for a malformed patch, 422 when a JSON patch cannot be applied
     *         (missing path, failed test)
     */
    ObjectNode apply(PatchType patchType, ObjectNode current, JsonNode patch, ResourceType type);
}
