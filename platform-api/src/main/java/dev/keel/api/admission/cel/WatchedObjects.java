package dev.keel.api.admission.cel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.objects.ObjectStorage;
import dev.keel.api.objects.StoredObject;
import dev.keel.api.resource.ResourceType;
import dev.keel.api.status.ApiException;
import dev.keel.api.watch.ChangeEvent;
import dev.keel.api.watch.ChangeListener;
import dev.keel.api.watch.WatchHub;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Every object of one cluster-scoped kind, listed once and then kept current by the watch hub, so admission reads
 * policies and bindings from memory rather than etcd on every request. Like Kubernetes' informers, a change takes
 * effect a moment after it is stored.
 */
public class WatchedObjects implements SmartLifecycle, ChangeListener {

    private static final Logger log = LoggerFactory.getLogger(WatchedObjects.class);

    private final ObjectStorage storage;
    private final WatchHub hub;
    private final ResourceType type;
    private final Map<String, ObjectNode> objects = new ConcurrentHashMap<>();
    private final ScheduledExecutorService retry;
    private volatile WatchHub.Subscription subscription;

    public WatchedObjects(ObjectStorage storage, WatchHub hub, ResourceType type) {
        this.storage = storage;
        this.hub = hub;
        this.type = type;
        this.retry = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, type.plural() + "-cache");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The objects as last seen, in no particular order. */
    public List<ObjectNode> all() {
        return List.copyOf(objects.values());
    }

    public ObjectNode get(String name) {
        return objects.get(name);
    }

    @Override
    public boolean onChange(ChangeEvent event) {
        String name = event.object().path("metadata").path("name").asText();
        if (event.type() == ChangeEvent.Type.DELETED) {
            objects.remove(name);
        } else {
            objects.put(name, event.object());
        }
        return true;
    }

    @Override
    public void onProgress(long revision) {
    }

    @Override
    public void onClosed(ApiException reason) {
        if (reason != null && subscription != null) {
            log.info("{} cache reset ({}); reloading", type.plural(), reason.getMessage());
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
            log.info("{} cache not reloaded yet ({}); trying again", type.plural(), e.getMessage());
            retry.schedule(this::refollow, 1, TimeUnit.SECONDS);
        }
    }

    private void follow() {
        // List, then follow from the list's revision: every later change arrives after the listed state.
        ObjectStorage.Page page = storage.list(type, null, null, 0, 0);
        Map<String, ObjectNode> listed = new ConcurrentHashMap<>();
        for (StoredObject stored : page.items()) {
            listed.put(stored.object().path("metadata").path("name").asText(), stored.object());
        }
        objects.keySet().retainAll(listed.keySet());
        objects.putAll(listed);
        subscription = hub.subscribe(type, page.revision(), this);
    }

    @Override
    public void start() {
        follow();
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
