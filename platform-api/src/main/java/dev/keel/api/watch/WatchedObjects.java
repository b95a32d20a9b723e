package dev.keel.api.watch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.objects.ObjectStorage;
import dev.keel.api.objects.StoredObject;
import dev.keel.api.resource.ResourceType;
import dev.keel.api.status.ApiException;
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
 * Every object of one cluster-scoped kind, by name, listed once and then kept current by the watch hub, so readers
 * (admission policies, webhook configurations, namespaces) use memory rather than etcd on every request. Like
 * Kubernetes' informers, a change takes effect a moment after it is stored; when the hub drops the subscription the
 * objects are listed and followed again.
 *
 * <p>As a Spring bean it starts and stops itself; an owner that holds several can start and stop them itself and
 * pass a shared retry executor and a callback run after every change.
 */
public class WatchedObjects implements SmartLifecycle, ChangeListener {

    private static final Logger log = LoggerFactory.getLogger(WatchedObjects.class);

    private final ObjectStorage storage;
    private final WatchHub hub;
    private final ResourceType type;
    private final Map<String, ObjectNode> objects = new ConcurrentHashMap<>();
    private final ScheduledExecutorService retry;
    /** Whether {@link #retry} was made here, and so is shut down here. */
    private final boolean ownsRetry;
    private final Runnable onChange;
    private volatile WatchHub.Subscription subscription;
    private volatile boolean loaded;

    /** A cache with its own retry thread and no change callback. */
    public WatchedObjects(ObjectStorage storage, WatchHub hub, ResourceType type) {
        this(storage, hub, type, Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, type.plural() + "-cache");
            thread.setDaemon(true);
            return thread;
        }), true, () -> { });
    }

    /** A cache retrying on {@code retry} (which its caller shuts down) and running {@code onChange} after changes. */
    public WatchedObjects(ObjectStorage storage, WatchHub hub, ResourceType type, ScheduledExecutorService retry,
            Runnable onChange) {
        this(storage, hub, type, retry, false, onChange);
    }

    private WatchedObjects(ObjectStorage storage, WatchHub hub, ResourceType type, ScheduledExecutorService retry,
            boolean ownsRetry, Runnable onChange) {
        this.storage = storage;
        this.hub = hub;
        this.type = type;
        this.retry = retry;
        this.ownsRetry = ownsRetry;
        this.onChange = onChange;
    }

    /** The objects as last seen, in no particular order. */
    public List<ObjectNode> all() {
        return List.copyOf(objects.values());
    }

    public ObjectNode get(String name) {
        return objects.get(name);
    }

    /** False until the first list arrived, and again while reloading after the hub dropped the watch. */
    public boolean loaded() {
        return loaded;
    }

    @Override
    public boolean onChange(ChangeEvent event) {
        String name = event.object().path("metadata").path("name").asText();
        if (event.type() == ChangeEvent.Type.DELETED) {
            objects.remove(name);
        } else {
            objects.put(name, event.object());
        }
        onChange.run();
        return true;
    }

    @Override
    public void onProgress(long revision) {
    }

    @Override
    public void onClosed(ApiException reason) {
        if (reason != null && subscription != null) {
            loaded = false;
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
        loaded = true;
        onChange.run();
        subscription = hub.subscribe(type, page.revision(), this);
    }

    @Override
    public void start() {
        follow();
    }

    @Override
    public void stop() {
        if (ownsRetry) {
            retry.shutdownNow();
        }
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
