package dev.keel.api.openapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.resource.ResourceType;
import java.util.Collection;

/**
 * Sets each served kind's {@code x-kubernetes-group-version-kind} from the registry, so the definition and
 * the operations name the kind identically: explain finds a kind's schema by matching the two.
 */
final class KindMarkers {

    private KindMarkers() {
    }

    static void mark(ModelSchemaGenerator generator, Collection<ResourceType> types) {
        for (ResourceType type : types) {
            ObjectNode definition = generator.definitions().get(DefinitionNames.of(type.modelClass()));
            if (definition != null) {
                OpenApiExtensions.setKind(definition, new GroupVersionKind(type.group(), type.version(), type.kind()));
            }
        }
    }
}
