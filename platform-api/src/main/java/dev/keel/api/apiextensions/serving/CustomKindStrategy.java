package dev.keel.api.apiextensions.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.registry.GenerationRule;
import dev.keel.api.registry.KindStrategy;
import dev.keel.api.registry.ScaleAccess;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The registry strategy of a custom resource, built from its served versions (preferred first): the preferred
 * version's printer columns, scale paths and status subresource; the selectable fields of every version; and
 * Kubernetes' custom-resource generation rule (any change but metadata moves it, status excluded when it is a
 * subresource). A strategy is per resource, so versions differing in columns or scale paths are served with the
 * preferred version's.
 */
final class CustomKindStrategy {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private CustomKindStrategy() {
    }

    static KindStrategy of(List<CustomKind> versions) {
        CustomKind preferred = versions.get(0);
        boolean separateStatus = preferred.type().hasSubresource("status");
        Set<String> selectable = new LinkedHashSet<>();
        versions.forEach(kind -> selectable.addAll(kind.selectableFields()));
        return KindStrategy.builder(preferred.type())
                .columns(new PrinterColumns(preferred))
                .scale(preferred.scale() == null ? null : new PathScale(preferred.scale()))
                .selectableFields(selectable)
                .separateStatus(separateStatus)
                .generation(generationRule(separateStatus))
                .build();
    }

    /** Kubernetes' custom-resource strategy: every change outside metadata (and status, when separate) is a new generation. */
    static GenerationRule generationRule(boolean separateStatus) {
        return (current, updated) -> !content(current, separateStatus).equals(
                (a, b) -> a.isNumber() && b.isNumber() ? a.decimalValue().compareTo(b.decimalValue()) : a.equals(b) ? 0 : 1,
                content(updated, separateStatus));
    }

    private static ObjectNode content(ObjectNode object, boolean separateStatus) {
        ObjectNode copy = object.deepCopy();
        copy.remove(List.of("metadata", "apiVersion", "kind"));
        if (separateStatus) {
            copy.remove("status");
        }
        return copy;
    }

    /** The Scale read and written through the CRD's specReplicasPath, statusReplicasPath and labelSelectorPath. */
    private record PathScale(CustomKind.ScalePaths paths) implements ScaleAccess {

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
            JsonNode specReplicas = JsonPaths.at(object, paths.specReplicasPath());
            scale.putObject("spec").put("replicas", specReplicas != null && specReplicas.isNumber() ? specReplicas.asInt() : 0);
            ObjectNode status = scale.putObject("status");
            JsonNode statusReplicas = JsonPaths.at(object, paths.statusReplicasPath());
            status.put("replicas", statusReplicas != null && statusReplicas.isNumber() ? statusReplicas.asInt() : 0);
            if (paths.labelSelectorPath() != null) {
                JsonNode selector = JsonPaths.at(object, paths.labelSelectorPath());
                if (selector != null && selector.isTextual()) {
                    status.put("selector", selector.asText());
                }
            }
            return scale;
        }

        @Override
        public ObjectNode withReplicas(ObjectNode object, int replicas) {
            ObjectNode result = object.deepCopy();
            JsonPaths.set(result, paths.specReplicasPath(), IntNode.valueOf(replicas));
            return result;
        }
    }
}
