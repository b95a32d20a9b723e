package dev.keel.api.admission.webhook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.objects.ObjectStorage;
import dev.keel.api.objects.StoredObject;
import dev.keel.api.resource.ResourceType;
import dev.keel.api.status.ApiException;
import dev.keel.api.watch.ChangeEvent;
import dev.keel.api.watch.ChangeListener;
import dev.keel.api.watch.WatchHub;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every object of one cluster-scoped kind, by name, kept current by the watch hub: listed once, then followed from
 * the list's revision; when the hub drops the subscription the objects are listed and followed again.
 */
final class WatchedObjects implements ChangeListener {

    private static final Logger log = LoggerFactory.getLogger(WatchedObjects.class);

    private final ObjectStorage storage;
    private final WatchHub hub;
    private final ResourceType type;
    private final ScheduledExecutorService retry;
    private final Runnable onChange;
    private final Map<String, ObjectNode> objects = new ConcurrentHashMap<>();
    private volatile WatchHub.Subscription subscription;
    private volatile boolean loaded;

    WatchedObjects(ObjectStorage storage, WatchHub hub, ResourceType type, ScheduledExecutorService retry, Runnable onChange) {
        this.storage = storage;
        this.hub = hub;
        this.type = type;
        this.retry = retry;
        this.onChange = onChange;
    }

    Map<String, ObjectNode> all() {
        return objects;
    }

    ObjectNode get(String name) {
        return objects.get(name);
    }

    /** False until the first list arrived, and again while reloading after the hub dropped the watch. */
    boolean loaded() {
        return loaded;
    }

    void start() {
        ObjectStorage.Page page = storage.list(type, null, null, 0, 0);
        objects.clear();
        for (StoredObject stored : page.items()) {
            objects.put(stored.object().path("metadata").path("name").asText(), stored.object());
        }
        loaded = true;
        onChange.run();
        subscription = hub.subscribe(type, page.revision(), this);
    }

    void stop() {
        WatchHub.Subscription current = subscription;
        subscription = null;
        if (current != null) {
            current.close();
        }
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
            retry.schedule(this::reload, 1, TimeUnit.SECONDS);
        }
    }

    private void reload() {
        if (subscription == null) {
            return;
        }
        try {
            start();
        } catch (RuntimeException e) {
            log.info("{} cache not reloaded yet ({}); trying again", type.plural(), e.getMessage());
            retry.schedule(this::reload, 1, TimeUnit.SECONDS);
        }
    }
}
