package dev.keel.api.watch;

import dev.keel.api.objects.ObjectStorage;
import dev.keel.api.resource.ResourceType;
import dev.keel.api.status.ApiException;
import dev.keel.api.status.Statuses;
import dev.keel.api.store.RevisionCompactedException;
import dev.keel.api.store.StoreEvent;
import dev.keel.api.store.StoreException;
import dev.keel.api.store.StoreWatch;
import dev.keel.api.store.StoreWatchListener;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * One etcd watch over every object, fanned out to all API watchers.
 *
 * <p>Each change is decoded once, kept in a history bounded in count and in bytes so that watchers can start
 * from a recent resourceVersion without asking etcd again, and offered to the subscribers of its resource type.
 * Replay of history and registration for live changes happen under one lock, so a subscriber sees every change
 * after its start revision exactly once.
 */
public class WatchHub implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WatchHub.class);

    private final ObjectStorage storage;
    private final ChangeDecoder decoder;
    private final WatchProperties properties;
    private final Object lock = new Object();
    private final ArrayDeque<Retained> history = new ArrayDeque<>();
    /** The stored bytes of the changes in {@link #history}. */
    private long historyBytes;
    private final Map<ResourceType, List<Subscription>> subscribers = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "watch-hub-timer");
        thread.setDaemon(true);
        return thread;
    });

    private volatile StoreWatch storeWatch;
    private volatile boolean running;
    /** Changes with a revision above this one are in {@link #history}. */
    private long oldestRevision;
    private volatile long latestRevision;

    public WatchHub(ObjectStorage storage, ChangeDecoder decoder, WatchProperties properties, MeterRegistry meters) {
        this.storage = storage;
        this.decoder = decoder;
        this.properties = properties;
        Gauge.builder("keel.api.watchers", this, WatchHub::subscriberCount).register(meters);
        Gauge.builder("keel.api.watch.history.bytes", this, WatchHub::historyBytes)
                .description("stored bytes of the changes kept in the watch history").register(meters);
        Gauge.builder("keel.api.watch.history.events", this, WatchHub::historyLength)
                .description("changes kept in the watch history").register(meters);
    }

    @Override
    public void start() {
        running = true;
        long revision = storage.currentRevision();
        synchronized (lock) {
            oldestRevision = revision;
            latestRevision = revision;
        }
        openStoreWatch(revision);
        long period = properties.getProgressInterval().toMillis();
        timer.scheduleAtFixedRate(this::requestProgress, period, period, TimeUnit.MILLISECONDS);
        log.info("Watching every object under {} from revision {}", storage.rootPrefix(), revision);
    }

    @Override
    public void stop() {
        running = false;
        timer.shutdownNow();
        StoreWatch watch = storeWatch;
        if (watch != null) {
            watch.close();
        }
        closeAll(null);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    public long latestRevision() {
        return latestRevision;
    }

    /**
     * Registers {@code listener} for changes to {@code type} after {@code fromRevision}, replaying the ones
     * already in history first.
     *
     * @throws ApiException 410 when changes after {@code fromRevision} are no longer kept here (etcd may still
     *         have them: see {@link HistoryWatch})
     */
    public Subscription subscribe(ResourceType type, long fromRevision, ChangeListener listener) {
        Subscription subscription = new Subscription(type, listener);
        synchronized (lock) {
            if (fromRevision < oldestRevision) {
                throw Statuses.gone("too old resource version: " + fromRevision + " (" + oldestRevision + ")");
            }
            for (Retained retained : history) {
                ChangeEvent event = retained.event();
                if (event.revision() > fromRevision && event.resource() == type && !listener.onChange(event)) {
                    listener.onClosed(Statuses.gone("watcher fell behind while replaying history"));
                    return subscription;
                }
            }
            subscribers.computeIfAbsent(type, t -> new CopyOnWriteArrayList<>()).add(subscription);
        }
        return subscription;
    }

    /** Forgets history up to {@code revision}, after etcd compacted it. */
    public void trimTo(long revision) {
        synchronized (lock) {
            while (!history.isEmpty() && history.peekFirst().event().revision() <= revision) {
                historyBytes -= history.pollFirst().bytes();
            }
            oldestRevision = Math.max(oldestRevision, revision);
        }
    }

    private void requestProgress() {
        StoreWatch watch = storeWatch;
        if (watch != null) {
            try {
                watch.requestProgress();
            } catch (RuntimeException e) {
                log.debug("progress request to etcd failed", e);
            }
        }
    }

    private void openStoreWatch(long afterRevision) {
        storeWatch = storage.store().watch(storage.rootPrefix(), afterRevision, new StoreWatchListener() {
            @Override
            public void onEvents(List<StoreEvent> events) {
                dispatch(events);
            }

            @Override
            public void onProgress(long revision) {
                advance(revision);
            }

            @Override
            public void onError(StoreException error) {
                restartAfter(error);
            }
        });
    }

    private void restartAfter(StoreException error) {
        if (!running) {
            return;
        }
        // Watchers cannot be told what was missed: close them all so they relist, as after a cache reset.
        ApiException reason = error instanceof RevisionCompactedException
                ? Statuses.gone("the watch history was compacted; list again")
                : Statuses.unavailable("the storage watch was interrupted: " + error.getMessage(), error);
        log.warn("Store watch ended ({}); restarting from the current revision", error.getMessage());
        synchronized (lock) {
            // Until the new etcd watch is open nothing here is complete: new watchers go to etcd (HistoryWatch).
            oldestRevision = Long.MAX_VALUE;
        }
        timer.schedule(() -> {
            if (!running) {
                return;
            }
            try {
                long revision = storage.currentRevision();
                synchronized (lock) {
                    history.clear();
                    historyBytes = 0;
                    oldestRevision = revision;
                    latestRevision = revision;
                }
                openStoreWatch(revision);
            } catch (RuntimeException e) {
                restartAfter(e instanceof StoreException se ? se : new StoreException(null, e.getMessage(), e));
            }
        }, 1, TimeUnit.SECONDS);
        closeAll(reason);
    }

    private void dispatch(List<StoreEvent> events) {
        synchronized (lock) {
            for (StoreEvent storeEvent : events) {
                ChangeEvent event = decoder.decode(storeEvent);
                latestRevision = storeEvent.revision();
                if (event == null) {
                    continue;
                }
                remember(event, storeEvent);
                List<Subscription> forType = subscribers.get(event.resource());
                if (forType == null) {
                    continue;
                }
                for (Subscription subscription : forType) {
                    if (!subscription.listener.onChange(event)) {
                        forType.remove(subscription);
                        subscription.listener.onClosed(Statuses.gone("watcher could not keep up and was closed; watch again"));
                    }
                }
            }
        }
    }

    /** Adds {@code event} to the history and drops the oldest changes beyond its count and byte bounds. */
    private void remember(ChangeEvent event, StoreEvent storeEvent) {
        long bytes = length(storeEvent.value()) + length(storeEvent.previousValue());
        history.addLast(new Retained(event, bytes));
        historyBytes += bytes;
        long maxBytes = properties.getHistoryMaxBytes().toBytes();
        // The newest change stays even when it alone is over the bound: watchers started at the revision before it
        // are then still served from here.
        while (history.size() > properties.getHistorySize() || (historyBytes > maxBytes && history.size() > 1)) {
            Retained dropped = history.pollFirst();
            historyBytes -= dropped.bytes();
            oldestRevision = dropped.event().revision();
        }
    }

    private static long length(byte[] value) {
        return value == null ? 0 : value.length;
    }

    /** How many changes the history holds now. */
    public int historyLength() {
        synchronized (lock) {
            return history.size();
        }
    }

    /** The stored bytes (objects and previous objects) of the changes the history holds now. */
    public long historyBytes() {
        synchronized (lock) {
            return historyBytes;
        }
    }

    private void advance(long revision) {
        synchronized (lock) {
            if (revision <= latestRevision) {
                return;
            }
            latestRevision = revision;
        }
        for (List<Subscription> forType : subscribers.values()) {
            for (Subscription subscription : forType) {
                subscription.listener.onProgress(revision);
            }
        }
    }

    private void closeAll(ApiException reason) {
        for (List<Subscription> forType : subscribers.values()) {
            List<Subscription> closed = List.copyOf(forType);
            forType.removeAll(closed);
            for (Subscription subscription : closed) {
                try {
                    subscription.listener.onClosed(reason);
                } catch (RuntimeException e) {
                    log.warn("A watcher failed while being closed", e);
                }
            }
        }
    }

    /** How many watchers {@code type} has now. */
    public int subscriberCount(ResourceType type) {
        List<Subscription> forType = subscribers.get(type);
        return forType == null ? 0 : forType.size();
    }

    private double subscriberCount() {
        return subscribers.values().stream().mapToInt(List::size).sum();
    }

    @Override
    public int getPhase() {
        // Start after the store is up and stop before the web server, so open watches end cleanly.
        return Integer.MAX_VALUE - 100;
    }

    /** A change in the history with the stored bytes it was decoded from. */
    private record Retained(ChangeEvent event, long bytes) {
    }

    /** A registered watcher; closing it stops delivery without calling the listener. */
    public final class Subscription implements AutoCloseable {

        private final ResourceType type;
        private final ChangeListener listener;

        private Subscription(ResourceType type, ChangeListener listener) {
            this.type = type;
            this.listener = listener;
        }

        @Override
        public void close() {
            List<Subscription> forType = subscribers.get(type);
            if (forType != null) {
                forType.remove(this);
            }
        }
    }
}
