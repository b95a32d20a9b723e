package dev.keel.reconciler.gc;

import dev.keel.runtime.controller.InformerRetries;
import dev.keel.runtime.controller.Informers;
import dev.keel.runtime.reconcile.Request;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One informer ("monitor", as Kubernetes' garbage collector calls them) per followed custom kind, over fabric8's
 * generic client, feeding the collector's queue as the built-in kinds' informers do. {@link #follow} starts monitors
 * for kinds that appeared and stops those of kinds that went. Kept apart from the shared {@link Informers}: a custom
 * kind's informer may never sync (its definition going), and must not hold back the other controllers' start or health.
 */
public final class CustomKindMonitors implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CustomKindMonitors.class);

    private final KubernetesClient client;
    private final GcKinds kinds;
    private final Duration resyncPeriod;
    private final Map<String, Monitor> monitors = new ConcurrentHashMap<>();
    private volatile Function<GcKind, Function<HasMetadata, List<Request>>> keys = kind -> object -> List.of();
    private volatile Consumer<Request> queue = request -> { };

    private record Monitor(GcKind kind, SharedIndexInformer<GenericKubernetesResource> informer) {
    }

    public CustomKindMonitors(KubernetesClient client, GcKinds kinds, Duration resyncPeriod) {
        this.client = client;
        this.kinds = kinds;
        this.resyncPeriod = resyncPeriod;
    }

    /** Where the monitors' events go: each changed object's keys (by kind) into the queue. */
    void deliverTo(Function<GcKind, Function<HasMetadata, List<Request>>> keys, Consumer<Request> queue) {
        this.keys = keys;
        this.queue = queue;
    }

    /** Follows exactly {@code wanted}: starts monitors for new kinds, restarts changed ones, stops the rest. */
    public synchronized void follow(List<GcKind> wanted) {
        Map<String, GcKind> byName = new HashMap<>();
        for (GcKind kind : wanted) {
            byName.put(kind.qualifiedName(), kind);
        }
        for (Monitor monitor : List.copyOf(monitors.values())) {
            GcKind now = byName.get(monitor.kind().qualifiedName());
            if (!monitor.kind().equals(now)) {
                stop(monitor);
            }
        }
        for (GcKind kind : byName.values()) {
            if (!monitors.containsKey(kind.qualifiedName())) {
                start(kind);
            }
        }
    }

    private void start(GcKind kind) {
        if (!kinds.addCustom(kind)) {
            log.warn("Custom kind {} not followed: a built-in kind has the same group and kind", kind.qualifiedName());
            return;
        }
        SharedIndexInformer<GenericKubernetesResource> informer = client.genericKubernetesResources(kind.context())
                .inAnyNamespace().runnableInformer(resyncPeriod.toMillis());
        informer.exceptionHandler(new InformerRetries(kind.qualifiedName()));
        informer.addIndexers(Map.of(Informers.BY_OWNER_UID, CustomKindMonitors::ownerUids));
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(GenericKubernetesResource object) {
                deliver(kind, object);
            }

            @Override
            public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource after) {
                deliver(kind, before);
                deliver(kind, after);
            }

            @Override
            public void onDelete(GenericKubernetesResource object, boolean finalStateUnknown) {
                deliver(kind, object);
            }
        });
        monitors.put(kind.qualifiedName(), new Monitor(kind, informer));
        informer.start();
        log.info("Garbage collector follows custom kind {} at {}/{} ({})", kind.qualifiedName(), kind.group(),
                kind.version(), kind.plural());
    }

    private void stop(Monitor monitor) {
        monitors.remove(monitor.kind().qualifiedName());
        kinds.removeCustom(monitor.kind().qualifiedName());
        monitor.informer().close();
        log.info("Garbage collector no longer follows custom kind {}", monitor.kind().qualifiedName());
    }

    private void deliver(GcKind kind, HasMetadata object) {
        if (object == null || object.getMetadata() == null) {
            return;
        }
        try {
            keys.apply(kind).apply(object).forEach(queue);
        } catch (RuntimeException e) {
            log.warn("Garbage collector: could not derive keys from {} {}: {}", kind.qualifiedName(),
                    object.getMetadata().getName(), e.toString(), e);
        }
    }

    /** Hands every cached custom object to the queue again (the collector just started, e.g. as a new leader). */
    void resync() {
        for (Monitor monitor : List.copyOf(monitors.values())) {
            for (GenericKubernetesResource object : monitor.informer().getStore().list()) {
                deliver(monitor.kind(), object);
            }
        }
    }

    /** The followed custom kinds' names. */
    public Set<String> followed() {
        return Set.copyOf(monitors.keySet());
    }

    /** Whether the kind's monitor has listed its objects once. */
    public boolean synced(String qualifiedName) {
        Monitor monitor = monitors.get(qualifiedName);
        return monitor != null && monitor.informer().hasSynced();
    }

    /** The cached object; empty for a kind without a running monitor. */
    Optional<GenericKubernetesResource> get(GcKind kind, String namespace, String name) {
        Monitor monitor = monitors.get(kind.qualifiedName());
        if (monitor == null) {
            return Optional.empty();
        }
        String key = kind.namespaced() ? namespace + "/" + name : name;
        return Optional.ofNullable(monitor.informer().getStore().getByKey(key));
    }

    /** The cached objects of the kind that name {@code uid} among their owners. */
    List<GenericKubernetesResource> ownedBy(GcKind kind, String uid) {
        Monitor monitor = monitors.get(kind.qualifiedName());
        return monitor == null ? List.of() : monitor.informer().getIndexer().byIndex(Informers.BY_OWNER_UID, uid);
    }

    private static List<String> ownerUids(GenericKubernetesResource object) {
        List<OwnerReference> owners = object.getMetadata() == null ? null : object.getMetadata().getOwnerReferences();
        if (owners == null) {
            return List.of();
        }
        return owners.stream().filter(owner -> owner != null && owner.getUid() != null).map(OwnerReference::getUid)
                .collect(Collectors.toList());
    }

    @Override
    public synchronized void close() {
        List.copyOf(monitors.values()).forEach(this::stop);
    }
}
