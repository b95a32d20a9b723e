package dev.keel.api.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A namespace turns Terminating and stays until its {@code spec.finalizers} are emptied (through finalize). */
final class NamespaceDeletion implements DeletionRule {

    @Override
    public boolean heldBySpec(JsonNode namespace) {
        JsonNode finalizers = namespace.path("spec").path("finalizers");
        return finalizers.isArray() && !finalizers.isEmpty();
    }

    @Override
    public void deletionStarted(ObjectNode marked) {
        marked.withObjectProperty("status").put("phase", "Terminating");
    }
}
