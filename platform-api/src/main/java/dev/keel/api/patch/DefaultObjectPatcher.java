package dev.keel.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.resource.ResourceType;

/**
 * Applies the three PATCH formats: JSON patch, JSON merge patch, and strategic merge patch with the merge
 * keys of the patched kind ({@link PatchStrategies}). Apply patches go to {@link ServerSideApply} instead.
 */
public class DefaultObjectPatcher implements ObjectPatcher {

    @Override
    public ObjectNode apply(PatchType patchType, ObjectNode current, JsonNode patch, ResourceType type) {
        return switch (patchType) {
            case JSON_PATCH -> JsonPatch.apply(current, patch);
            case MERGE_PATCH -> MergePatch.apply(current, patch);
            case STRATEGIC_MERGE_PATCH -> StrategicMergePatch.apply(current, patch, PatchStrategies.forType(type));
            case APPLY_YAML, APPLY_CBOR -> throw PatchErrors.badRequest(
                    "apply patches (" + patchType.mediaType() + ") are handled by server-side apply, not by the patcher");
        };
    }
}
