package dev.keel.api.registry;

import dev.keel.api.objects.ObjectStorage;
import dev.keel.api.objects.StoredObject;
import dev.keel.api.resource.ResourceRegistry;
import dev.keel.api.resource.ResourceType;
import dev.keel.api.status.ApiException;
import dev.keel.api.status.Statuses;
import dev.keel.api.watch.ChangeEvent;
import dev.keel.api.watch.ChangeListener;
import dev.keel.api.watch.WatchHub;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Refuses new objects in namespaces that are missing or being deleted, as Kubernetes' NamespaceLifecycle
 * admission does: from a cache of namespaces kept by the watch hub, with a read from etcd when the cache
 * does not know a namespace yet (it may have been created a moment ago).
 */
public class NamespaceLifecycle implements SmartLifecycle, ChangeListener {

    private static final Logger log = LoggerFactory.getLogger(NamespaceLifecycle.class);

    private final ObjectStorage storage;
    private final WatchHub hub;
    private final ResourceType namespaces;
    /** Namespace name to whether it is being deleted. */
    private final Map<String, Boolean> known = new ConcurrentHashMap<>();
    private final ScheduledExecutorService retry = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "namespace-cache");
        thread.setDaemon(true);
        return thread;
    });
    private volatile WatchHub.Subscription subscription;

    public NamespaceLifecycle(ObjectStorage storage, WatchHub hub, ResourceRegistry registry) {
        this.storage = storage;
        this.hub = hub;
        this.namespaces = registry.find("", "v1", "namespaces").orElseThrow();
    }

    /** @throws ApiException 404 when the namespace does not exist, 403 while it is being deleted */
    public void requireActive(ResourceType type, String namespace, String name) {
        Boolean terminating = known.get(namespace);
        if (terminating == null) {
            Optional<StoredObject> found = storage.get(namespaces, null, namespace);
            if (found.isEmpty()) {
                throw Statuses.namespaceNotFound(namespace);
            }
            terminating = found.get().object().path("metadata").hasNonNull("deletionTimestamp");
        }
        if (terminating) {
            throw Statuses.forbidden(type.group(), type.plural(), name, "unable to create new content in namespace "
                    + namespace + " because it is being terminated");
        }
    }

    /** Whether {@code type} is the core namespaces resource this lifecycle follows. */
    public boolean isNamespaces(ResourceType type) {
        return type.group().equals(namespaces.group()) && type.plural().equals(namespaces.plural());
    }

    /** Marks a namespace this server just started deleting, before its watch event comes back. */
    public void terminating(String namespace) {
        known.put(namespace, true);
    }

    @Override
    public boolean onChange(ChangeEvent event) {
        String name = event.object().path("metadata").path("name").asText();
        if (event.type() == ChangeEvent.Type.DELETED) {
            known.remove(name);
        } else {
            known.put(name, event.object().path("metadata").hasNonNull("deletionTimestamp"));
        }
        return true;
    }

    @Override
    public void onProgress(long revision) {
    }

    @Override
    public void onClosed(ApiException reason) {
        // The hub restarted its etcd watch: until the cache is reloaded every check reads etcd.
        known.clear();
        if (reason != null && subscription != null) {
            log.info("Namespace cache reset ({}); reloading", reason.getMessage());
            retry.schedule(this::refollow, 1, TimeUnit.SECONDS);
        }
    }

    private void refollow() {
        if (subscription == null) {
            return;
        }
        try {
            follow();
        } catch (RuntimeException e) {
            log.info("Namespace cache not reloaded yet ({}); trying again", e.getMessage());
            known.clear();
            retry.schedule(this::refollow, 1, TimeUnit.SECONDS);
        }
    }

    @Override
    public void start() {
        follow();
    }

    private void follow() {
        // List, then follow from the list's revision: every later change arrives after the listed state.
        ObjectStorage.Page page = storage.list(namespaces, null, null, 0, 0);
        for (StoredObject namespace : page.items()) {
            known.put(namespace.object().path("metadata").path("name").asText(),
                    namespace.object().path("metadata").hasNonNull("deletionTimestamp"));
        }
        subscription = hub.subscribe(namespaces, page.revision(), this);
    }

    @Override
    public void stop() {
        retry.shutdownNow();
        WatchHub.Subscription current = subscription;
        subscription = null;
        if (current != null) {
            current.close();
        }
    }

    @Override
    public boolean isRunning() {
        return subscription != null;
    }

    @Override
    public int getPhase() {
        // After the hub (which it subscribes to), before the web server takes requests.
        return Integer.MAX_VALUE - 90;
    }
}
