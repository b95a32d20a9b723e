package dev.keel.proxy.sync;

import dev.keel.proxy.rules.RuleWriter;
import dev.keel.proxy.rules.SyncResult;
import dev.keel.proxy.rules.SyncScope;
import dev.keel.proxy.service.ProxyState;
import dev.keel.runtime.queue.RateLimiter;
import dev.keel.runtime.queue.WorkQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns any number of change notices into few syncs. Notices put one key on a work queue, which holds it at most
 * once, so a burst waiting for the worker becomes one sync; the worker leaves at least {@code minInterval} between
 * syncs; each sync rebuilds the whole state from the caches, so a missed notice does no harm. The first sync and
 * one every {@code resyncPeriod} rewrite all rules; the ones between rewrite only what changed since the last
 * sync (the writer falls back to a full one after a failure). A failed sync is retried after {@code minInterval}.
 */
public class ProxySyncLoop implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProxySyncLoop.class);
    private static final String KEY = "all-services";

    private final RuleWriter writer;
    private final Supplier<ProxyState> source;
    private final ProxyMetrics metrics;
    private final Clock clock;
    private final Duration minInterval;
    private final Duration resyncPeriod;
    private final WorkQueue<String> queue;
    private final Thread worker;
    private Instant lastSyncEnd = Instant.MIN;
    /** When the last full sync started; null before the first. */
    private Instant lastFullSync;

    public ProxySyncLoop(RuleWriter writer, Supplier<ProxyState> source, ProxyMetrics metrics, Clock clock,
                         Duration minInterval, Duration resyncPeriod) {
        this.writer = writer;
        this.source = source;
        this.metrics = metrics;
        this.clock = clock;
        this.minInterval = minInterval;
        this.resyncPeriod = resyncPeriod;
        RateLimiter<String> retryAfterInterval = new RateLimiter<>() {
            @Override
            public Duration when(String key) {
                return minInterval;
            }

            @Override
            public void forget(String key) {
            }

            @Override
            public int retries(String key) {
                return 0;
            }
        };
        this.queue = new WorkQueue<>("proxy-sync", retryAfterInterval);
        this.worker = new Thread(this::run, "proxy-sync");
        this.worker.setDaemon(true);
    }

    /** Starts the worker with a full sync. */
    public void start() {
        requestSync();
        worker.start();
    }

    /** Asks for a sync soon; cheap, and safe to call from informer threads as often as events come. */
    public void requestSync() {
        queue.add(KEY);
    }

    private void run() {
        try {
            while (!queue.isShuttingDown()) {
                if (queue.poll(Duration.ofSeconds(1)).isEmpty()) {
                    continue;
                }
                try {
                    Duration wait = Duration.between(clock.instant(), lastSyncEnd.plus(minInterval));
                    if (!lastSyncEnd.equals(Instant.MIN) && !wait.isNegative()) {
                        // Nanoseconds: whole milliseconds would cut the interval short by up to one.
                        TimeUnit.NANOSECONDS.sleep(wait.toNanos());
                    }
                    syncOnce();
                } finally {
                    queue.done(KEY);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One sync now, on the caller's thread: reads the state, writes it, records the outcome. */
    void syncOnce() {
        Instant start = clock.instant();
        ProxyState state = source.get();
        boolean fullDue = lastFullSync == null || !start.isBefore(lastFullSync.plus(resyncPeriod));
        SyncScope scope = fullDue ? SyncScope.FULL : SyncScope.CHANGES;
        try {
            SyncResult result = writer.sync(state, scope);
            lastSyncEnd = clock.instant();
            if (result.scope() == SyncScope.FULL) {
                lastFullSync = start;
            }
            Duration took = Duration.between(start, lastSyncEnd);
            metrics.synced(state, result, took, lastSyncEnd);
            log.info("Synced {} service ports and {} endpoints in {} ms ({}, {} ports changed): {} {} rules",
                    state.ports().size(), state.endpointCount(), took.toMillis(), result.scope(),
                    result.changedPorts(), result.rules(), writer.mode());
            queue.addAfter(KEY, Duration.between(lastSyncEnd, lastFullSync.plus(resyncPeriod)));
        } catch (RuntimeException e) {
            lastSyncEnd = clock.instant();
            metrics.failed(scope, Duration.between(start, lastSyncEnd));
            log.error("Sync of {} service ports failed; retrying in {}", state.ports().size(), minInterval, e);
            queue.addRateLimited(KEY);
        }
    }

    @Override
    public void close() {
        queue.shutDown();
        worker.interrupt();
        queue.close();
    }
}
