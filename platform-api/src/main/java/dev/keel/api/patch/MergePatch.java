package dev.keel.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/** JSON merge patch (RFC 7386): objects merge key by key, {@code null} removes a key, anything else replaces. */
final class MergePatch {

    private MergePatch() {
    }

    /**
     * Returns {@code current} with {@code patch} applied; {@code current} is not modified.
     *
     * @throws dev.keel.api.status.ApiException 400 when the patch is not an object (the result must stay one)
     */
    static ObjectNode apply(ObjectNode current, JsonNode patch) {
        if (!(patch instanceof ObjectNode patchObject)) {
            throw PatchErrors.badRequest("a JSON merge patch must be a JSON object, not "
                    + (patch == null ? "empty" : patch.getNodeType().toString().toLowerCase()));
        }
        return merge(current.deepCopy(), patchObject);
    }

    /** Merges into {@code target}, which it modifies and returns. */
    private static ObjectNode merge(ObjectNode target, ObjectNode patch) {
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode value = entry.getValue();
            if (value.isNull()) {
                target.remove(entry.getKey());
            } else if (value instanceof ObjectNode nested) {
                JsonNode existing = target.get(entry.getKey());
                ObjectNode base = existing instanceof ObjectNode object ? object : JsonValues.NODES.objectNode();
                target.set(entry.getKey(), merge(base, nested));
            } else {
                target.set(entry.getKey(), value.deepCopy());
            }
        }
        return target;
    }
}
