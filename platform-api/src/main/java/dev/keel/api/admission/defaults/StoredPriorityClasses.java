package dev.keel.api.admission.defaults;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.api.objects.ObjectStorage;
import dev.keel.api.objects.StoredObject;
import dev.keel.api.resource.ResourceRegistry;
import dev.keel.api.resource.ResourceType;
import java.util.Comparator;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * PriorityClasses read from etcd when a pod is created. A pod naming a class costs one read; a pod naming none costs
 * a list of the (few) classes to find the global default.
 */
@Component
public class StoredPriorityClasses implements PriorityClassLookup {

    private final ObjectStorage storage;
    private final ResourceType type;

    public StoredPriorityClasses(ObjectStorage storage, ResourceRegistry registry) {
        this.storage = storage;
        this.type = registry.find("scheduling.k8s.io", "v1", "priorityclasses").orElseThrow();
    }

    @Override
    public Optional<PriorityClassValue> find(String name) {
        return storage.get(type, null, name).map(stored -> valueOf(stored.object()));
    }

    @Override
    public Optional<PriorityClassValue> globalDefault() {
        return storage.list(type, null, null, 0, 0).items().stream()
                .map(StoredObject::object)
                .filter(object -> object.path("globalDefault").asBoolean(false))
                .map(StoredPriorityClasses::valueOf)
                .min(Comparator.comparingInt(PriorityClassValue::value));
    }

    private static PriorityClassValue valueOf(JsonNode object) {
        return new PriorityClassValue(object.path("metadata").path("name").asText(), object.path("value").asInt(0),
                object.path("preemptionPolicy").asText("PreemptLowerPriority"));
    }
}
