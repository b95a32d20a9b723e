package dev.keel.api.admission.allocation;

import io.fabric8.kubernetes.api.model.Service;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Services "in storage" for release decisions: tests put a service here to play the write that stored it. */
final class FakeServiceLookup implements ServiceLookup {

    private final Map<String, ServiceHoldings> stored = new ConcurrentHashMap<>();

    /** Stores {@code service} at {@code revision}, as a successful write would. */
    void store(Service service, long revision) {
        service.getMetadata().setResourceVersion(Long.toString(revision));
        stored.put(service.getMetadata().getNamespace() + "/" + service.getMetadata().getName(), ServiceHoldings.of(service));
    }

    void remove(Service service) {
        stored.remove(service.getMetadata().getNamespace() + "/" + service.getMetadata().getName());
    }

    @Override
    public Optional<ServiceHoldings> find(String namespace, String name) {
        return Optional.ofNullable(stored.get(namespace + "/" + name));
    }
}
