package dev.keel.runtime.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One informer per kind, shared by every controller of a process, over all namespaces. Informers are created before
 * {@link #start()} (so indexers can still be added) and read-only afterwards: copy an object before changing it.
 */
public final class Informers implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Informers.class);

    /** The owner-uid index every informer gets: controllers find what they own without scanning a namespace. */
    public static final String BY_OWNER_UID = "owner-uid";

    private final KubernetesClient client;
    private final Duration resyncPeriod;
    private final Map<Class<?>, SharedIndexInformer<?>> informers = new LinkedHashMap<>();
    private boolean started;

    public Informers(KubernetesClient client, Duration resyncPeriod) {
        this.client = client;
        this.resyncPeriod = resyncPeriod;
    }

    public KubernetesClient client() {
        return client;
    }

    /** The shared informer for {@code type}, created on first use. */
    @SuppressWarnings("unchecked")
    public synchronized <T extends HasMetadata> SharedIndexInformer<T> informer(Class<T> type) {
        SharedIndexInformer<?> existing = informers.get(type);
        if (existing != null) {
            return (SharedIndexInformer<T>) existing;
        }
        SharedIndexInformer<T> informer = client.resources(type).inAnyNamespace().runnableInformer(resyncPeriod.toMillis());
        informer.exceptionHandler(new InformerRetries(type.getSimpleName()));
        informer.addIndexers(Map.of(BY_OWNER_UID, guarded(type, BY_OWNER_UID, Informers::ownerUids)));
        informers.put(type, informer);
        if (started) {
            informer.start();
        }
        return informer;
    }

    /** Adds an index to {@code type}'s informer; only before the informers start. */
    public synchronized <T extends HasMetadata> void index(Class<T> type, String name, Function<T, List<String>> keys) {
        if (started) {
            throw new IllegalStateException("index " + name + " added after the informers started");
        }
        informer(type).addIndexers(Map.of(name, guarded(type, name, keys)));
    }

    /**
     * An index function that cannot fail: fabric8 lets its exception out of the cache update, which drops a watch
     * event or fails the whole list (and so every re-list) for one odd object. Such an object goes unindexed.
     */
    static <T extends HasMetadata> Function<T, List<String>> guarded(Class<T> type, String index,
            Function<T, List<String>> keys) {
        return object -> {
            try {
                return keys.apply(object);
            } catch (RuntimeException e) {
                log.warn("{} {} left out of index {}: {}", type.getSimpleName(), keyOf(object), index, e.toString(), e);
                return List.of();
            }
        };
    }

    static String keyOf(HasMetadata object) {
        if (object == null || object.getMetadata() == null) {
            return "(no metadata)";
        }
        String namespace = object.getMetadata().getNamespace();
        return namespace == null || namespace.isEmpty() ? object.getMetadata().getName()
                : namespace + "/" + object.getMetadata().getName();
    }

    /** Every informer created so far, by kind. */
    public synchronized Map<Class<?>, SharedIndexInformer<?>> all() {
        return Map.copyOf(informers);
    }

    /** Starts every informer created so far; later ones start as they are created. */
    public synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        informers.forEach((type, informer) -> {
            log.info("Starting informer for {}", type.getSimpleName());
            informer.start();
        });
    }

    /** Waits until every informer has listed once. */
    public void awaitSynced(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<SharedIndexInformer<?>> all;
        synchronized (this) {
            all = new ArrayList<>(informers.values());
        }
        for (SharedIndexInformer<?> informer : all) {
            while (!informer.hasSynced()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("informer for " + informer.getApiTypeClass().getSimpleName()
                            + " did not sync within " + timeout);
                }
                Thread.sleep(20);
            }
        }
    }

    /** Whether every informer runs, has synced and watches now. */
    public boolean allWatching() {
        List<SharedIndexInformer<?>> all;
        synchronized (this) {
            all = new ArrayList<>(informers.values());
        }
        return all.stream().allMatch(Informers::isWatching);
    }

    /** Whether {@code informer} runs, has synced and watches now: a cache controllers can trust. */
    public static boolean isWatching(SharedIndexInformer<?> informer) {
        return informer.isRunning() && informer.hasSynced() && informer.isWatching();
    }

    /** The cached object, if the informer holds it. */
    public <T extends HasMetadata> Optional<T> get(Class<T> type, String namespace, String name) {
        String key = namespace == null || namespace.isEmpty() ? name : namespace + "/" + name;
        return Optional.ofNullable(informer(type).getStore().getByKey(key));
    }

    /** The cached objects of a namespace. */
    public <T extends HasMetadata> List<T> list(Class<T> type, String namespace) {
        return informer(type).getIndexer().byIndex(Cache.NAMESPACE_INDEX, namespace);
    }

    /** The cached objects that name {@code uid} among their owners. */
    public <T extends HasMetadata> List<T> ownedBy(Class<T> type, String uid) {
        return informer(type).getIndexer().byIndex(BY_OWNER_UID, uid);
    }

    private static List<String> ownerUids(HasMetadata object) {
        if (object.getMetadata() == null || object.getMetadata().getOwnerReferences() == null) {
            return List.of();
        }
        return object.getMetadata().getOwnerReferences().stream()
                .filter(owner -> owner != null && owner.getUid() != null)
                .map(owner -> owner.getUid()).toList();
    }

    @Override
    public synchronized void close() {
        informers.values().forEach(SharedIndexInformer::close);
        informers.clear();
    }
}
