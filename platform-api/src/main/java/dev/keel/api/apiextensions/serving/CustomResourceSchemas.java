package dev.keel.api.apiextensions.serving;

import dev.keel.api.apiextensions.schema.CustomResourceSchema;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Each custom version's schema compiled once per CRD generation (its CEL rules included), then shared. */
final class CustomResourceSchemas {

    private final Map<String, CustomResourceSchema> compiled = new ConcurrentHashMap<>();

    /** The compiled schema of {@code kind}; empty when the version declares none. */
    Optional<CustomResourceSchema> of(CustomKind kind) {
        if (kind.schema() == null) {
            return Optional.empty();
        }
        String key = kind.crdUid() + "/" + kind.type().version() + "/" + kind.crdGeneration();
        CustomResourceSchema schema = compiled.get(key);
        if (schema == null) {
            // Older generations of the same version are no longer served: drop them as the new one comes in.
            String version = kind.crdUid() + "/" + kind.type().version() + "/";
            compiled.keySet().removeIf(k -> k.startsWith(version) && !k.equals(key));
            schema = compiled.computeIfAbsent(key, k -> CustomResourceSchema.compile(kind.schema()));
        }
        return Optional.of(schema);
    }
}
