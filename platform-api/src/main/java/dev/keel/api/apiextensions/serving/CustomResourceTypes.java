package dev.keel.api.apiextensions.serving;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.api.apiextensions.CustomResourceDefinitionListener;
import dev.keel.api.registry.KindStrategies;
import dev.keel.api.registry.ModelConverter;
import dev.keel.api.resource.ResourceRegistry;
import dev.keel.api.resource.ResourceType;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the kinds of the Established CustomResourceDefinitions ({@link dev.keel.api.apiextensions.CustomResourceDefinitions}
 * tells this listener): each served version becomes a {@link ResourceType} in the {@link ResourceRegistry}, and the
 * resource gets a {@link dev.keel.api.registry.KindStrategy} ({@link CustomKindStrategy}) in {@link KindStrategies};
 * both go when the CRD is removed. While a CRD is being deleted its objects stay served (the cleanup deletes them and
 * finalizers may still be removed) but new ones are refused.
 */
public class CustomResourceTypes implements CustomResourceDefinitionListener {

    private static final Logger log = LoggerFactory.getLogger(CustomResourceTypes.class);

    private final ResourceRegistry registry;
    private final KindStrategies strategies;
    private final ModelConverter models;
    private final Map<String, List<CustomKind>> byDefinition = new ConcurrentHashMap<>();
    private final Map<ResourceType, CustomKind> byType = new ConcurrentHashMap<>();
    private final Set<String> terminating = ConcurrentHashMap.newKeySet();

    public CustomResourceTypes(ResourceRegistry registry, KindStrategies strategies, ModelConverter models) {
        this.registry = registry;
        this.strategies = strategies;
        this.models = models;
    }

    /** What the CRD says of a custom type; empty for built-in types. */
    public Optional<CustomKind> kindOf(ResourceType type) {
        return type == null ? Optional.empty() : Optional.ofNullable(byType.get(type));
    }

    /** Every served custom version. */
    public List<CustomKind> all() {
        return List.copyOf(byType.values());
    }

    /** The served versions of the same CRD as {@code kind}, preferred first. */
    public List<CustomKind> versionsOf(CustomKind kind) {
        return byDefinition.getOrDefault(kind.crdName(), List.of());
    }

    /** Whether the CRD defining {@code kind} is being deleted (no new objects then). */
    public boolean terminating(CustomKind kind) {
        return terminating.contains(kind.crdName());
    }

    @Override
    public void established(CustomResourceDefinition crd) {
        define(models.toTree(crd));
    }

    @Override
    public void removed(CustomResourceDefinition crd) {
        forget(crd.getMetadata().getName());
    }

    /** Serves the versions of {@code crd} (a stored CustomResourceDefinition), replacing what it defined before. */
    public synchronized void define(JsonNode crd) {
        String name = crd.path("metadata").path("name").asText();
        if (crd.path("metadata").hasNonNull("deletionTimestamp")) {
            terminating.add(name);
        } else {
            terminating.remove(name);
        }
        List<CustomKind> kinds = new ArrayList<>();
        for (CustomKind kind : CustomKinds.of(crd)) {
            Optional<ResourceType> existing = registry.find(kind.type().group(), kind.type().version(), kind.type().plural());
            if (existing.isPresent() && !byType.containsKey(existing.get())) {
                log.warn("CustomResourceDefinition {} names {}, which is built in: not served", name,
                        kind.type().qualifiedName());
                continue;
            }
            kinds.add(kind);
        }
        List<CustomKind> previous = byDefinition.getOrDefault(name, List.of());
        if (previous.equals(kinds)) {
            return;
        }
        // An unchanged type keeps its instance: the watch hub matches retained changes to watchers by identity.
        for (int i = 0; i < kinds.size(); i++) {
            CustomKind kind = kinds.get(i);
            for (CustomKind old : previous) {
                if (old.type().equals(kind.type())) {
                    kinds.set(i, new CustomKind(old.type(), kind.crdName(), kind.crdUid(), kind.crdGeneration(),
                            kind.storageVersion(), kind.schema(), kind.printerColumns(), kind.selectableFields(), kind.scale()));
                }
            }
        }
        List<ResourceType> removed = previous.stream().map(CustomKind::type).toList();
        previous.forEach(k -> byType.remove(k.type()));
        kinds.forEach(k -> byType.put(k.type(), k));
        byDefinition.put(name, List.copyOf(kinds));
        if (kinds.isEmpty()) {
            previous.stream().findFirst().ifPresent(k -> strategies.remove(k.type().group(), k.type().plural()));
        } else {
            // Before the types are routed, so the first request already finds the strategy.
            strategies.register(CustomKindStrategy.of(kinds));
        }
        registry.update(kinds.stream().map(CustomKind::type).toList(), removed);
        log.info("CustomResourceDefinition {} serves {}", name,
                kinds.stream().map(k -> k.type().apiVersion() + "/" + k.type().plural()).toList());
    }

    /** Stops serving what the CRD named {@code name} defined. */
    public synchronized void forget(String name) {
        terminating.remove(name);
        List<CustomKind> previous = byDefinition.remove(name);
        if (previous == null || previous.isEmpty()) {
            return;
        }
        previous.forEach(k -> byType.remove(k.type()));
        registry.update(List.of(), previous.stream().map(CustomKind::type).toList());
        strategies.remove(previous.get(0).type().group(), previous.get(0).type().plural());
        log.info("CustomResourceDefinition {} no longer served", name);
    }
}
