package dev.keel.api.watch;

import dev.keel.api.store.EtcdProperties;
import dev.keel.api.store.RevisionedStore;
import dev.keel.api.store.StoreException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Compacts etcd history on a period, keeping one period's worth: each run compacts to the revision the
 * previous run saw. Watches from a compacted resourceVersion then answer 410 Gone and clients relist.
 */
public class Compactor implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Compactor.class);

    private final RevisionedStore store;
    private final WatchHub hub;
    private final Duration interval;
    private ScheduledExecutorService timer;
    private long previousRevision;

    public Compactor(RevisionedStore store, WatchHub hub, EtcdProperties properties) {
        this.store = store;
        this.hub = hub;
        this.interval = properties.getCompactionInterval();
    }

    /** Compacts to the revision seen at the previous call, then remembers the current one. */
    public synchronized void compactOnce() {
        long current = store.currentRevision();
        if (previousRevision > 0) {
            try {
                store.compact(previousRevision);
                hub.trimTo(previousRevision);
                log.info("Compacted etcd history up to revision {}", previousRevision);
            } catch (StoreException e) {
                if (!String.valueOf(e.getMessage()).contains("compacted")) {
                    log.warn("Compaction to revision {} failed", previousRevision, e);
                }
            }
        }
        previousRevision = current;
    }

    @Override
    public void start() {
        if (interval.isZero() || interval.isNegative()) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "etcd-compactor");
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        timer.scheduleWithFixedDelay(() -> {
            try {
                compactOnce();
            } catch (RuntimeException e) {
                log.warn("Compaction run failed", e);
            }
        }, 0, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }
}
