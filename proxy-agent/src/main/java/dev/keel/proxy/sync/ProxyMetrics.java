package dev.keel.proxy.sync;

import dev.keel.proxy.rules.SyncResult;
import dev.keel.proxy.rules.SyncScope;
import dev.keel.proxy.service.ProxyState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** The proxy's meters: sync duration, rules written, services and endpoints programmed, last sync time. */
public class ProxyMetrics {

    private final Timer fullSyncDuration;
    private final Timer partialSyncDuration;
    private final Counter syncFailures;
    private final AtomicLong rules = new AtomicLong();
    private final AtomicLong ports = new AtomicLong();
    private final AtomicLong endpoints = new AtomicLong();
    private final AtomicLong lastSyncEpochSeconds = new AtomicLong();

    public ProxyMetrics(MeterRegistry registry, String mode) {
        fullSyncDuration = syncTimer(registry, mode, "full");
        partialSyncDuration = syncTimer(registry, mode, "partial");
        syncFailures = Counter.builder("keel.proxy.sync.failures").description("Syncs the kernel refused")
                .tag("mode", mode).register(registry);
        Gauge.builder("keel.proxy.rules", rules, AtomicLong::get)
                .description("Rules (and nftables map elements) written by the last sync, full or partial").register(registry);
        Gauge.builder("keel.proxy.service.ports", ports, AtomicLong::get)
                .description("Service ports programmed by the last sync").register(registry);
        Gauge.builder("keel.proxy.endpoints", endpoints, AtomicLong::get)
                .description("Endpoints programmed by the last sync").register(registry);
        Gauge.builder("keel.proxy.last.sync.time", lastSyncEpochSeconds, AtomicLong::get)
                .description("When the last successful sync ended, in seconds since the epoch").baseUnit("seconds")
                .register(registry);
    }

    private static Timer syncTimer(MeterRegistry registry, String mode, String scope) {
        return Timer.builder("keel.proxy.sync.duration").description("Time to write one sync's rules")
                .tag("mode", mode).tag("scope", scope).register(registry);
    }

    public void synced(ProxyState state, SyncResult result, Duration took, Instant at) {
        (result.scope() == SyncScope.FULL ? fullSyncDuration : partialSyncDuration).record(took);
        rules.set(result.rules());
        ports.set(state.ports().size());
        endpoints.set(state.endpointCount());
        lastSyncEpochSeconds.set(at.getEpochSecond());
    }

    public void failed(SyncScope requested, Duration took) {
        (requested == SyncScope.FULL ? fullSyncDuration : partialSyncDuration).record(took);
        syncFailures.increment();
    }
}
