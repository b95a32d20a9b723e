package dev.keel.api.admission.allocation;

import dev.keel.api.objects.ObjectStorage;
import dev.keel.api.resource.ResourceRegistry;
import dev.keel.api.resource.ResourceType;
import java.util.Optional;

/** {@link ServiceLookup} reading services straight from storage (not a cache: it must see the latest write). */
public class StoredServiceLookup implements ServiceLookup {

    private final ObjectStorage storage;
    private final ResourceType services;

    public StoredServiceLookup(ObjectStorage storage, ResourceRegistry registry) {
        this.storage = storage;
        this.services = registry.find("", "v1", "services")
                .orElseThrow(() -> new IllegalStateException("the resource registry does not serve v1 services"));
    }

    @Override
    public Optional<ServiceHoldings> find(String namespace, String name) {
        return storage.get(services, namespace, name).map(stored -> ServiceHoldings.of(stored.object()));
    }
}
