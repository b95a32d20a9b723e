package dev.keel.proxy.sync;

import static dev.keel.proxy.testing.PortBuilder.port;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.proxy.rules.RuleWriter;
import dev.keel.proxy.rules.SyncResult;
import dev.keel.proxy.rules.SyncScope;
import dev.keel.proxy.service.ProxiedPort;
import dev.keel.proxy.service.ProxyState;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ProxySyncLoopTest {

    private static final Duration NO_RESYNC = Duration.ofHours(1);

    private final AtomicInteger version = new AtomicInteger();
    private final RecordingWriter writer = new RecordingWriter();
    private long burstNanos;

    @Test
    void theFirstSyncIsFullAndTheNextOnesPartialUntilTheResyncPeriodHasPassed() throws InterruptedException {
        try (ProxySyncLoop loop = loop(Duration.ZERO, Duration.ofSeconds(2))) {
            loop.syncOnce();
            loop.syncOnce();
            Thread.sleep(2_100);
            loop.syncOnce();
            loop.syncOnce();
        }

        assertThat(writer.calls).extracting(Call::scope)
                .containsExactly(SyncScope.FULL, SyncScope.CHANGES, SyncScope.FULL, SyncScope.CHANGES);
    }

    @Test
    void aBurstOfChangesBecomesFewSyncsAndTheLastOneSeesTheLatestState() throws InterruptedException {
        writer.delay = Duration.ofMillis(100);
        try (ProxySyncLoop loop = loop(Duration.ofMillis(50), NO_RESYNC)) {
            loop.start();
            long burstStart = System.nanoTime();
            for (int i = 0; i < 300; i++) {
                version.incrementAndGet();
                loop.requestSync();
                Thread.sleep(1);
            }
            burstNanos = System.nanoTime() - burstStart;
            awaitQuiet();
        }

        // Syncs start at least 150 ms apart (checked below), so a burst of this length leaves room for this many
        // however slowly a loaded machine ran it: one per 150 ms, the one that picks up its end, and one for the
        // initial sync that may have started just before the burst's clock did.
        long allowed = burstNanos / Duration.ofMillis(150).toNanos() + 3;
        assertThat(writer.calls).hasSizeBetween(2, (int) Math.min(allowed, 299));
        assertThat(writer.calls.get(writer.calls.size() - 1).state()).isEqualTo(state(version.get()));
        for (int i = 1; i < writer.calls.size(); i++) {
            // The loop waits min-sync-interval after a sync ends; the writer itself took 100 ms. (One millisecond
            // less for the wall clock the loop reads against the nanosecond timer used here.)
            assertThat(writer.calls.get(i).startNanos() - writer.calls.get(i - 1).startNanos())
                    .isGreaterThanOrEqualTo(Duration.ofMillis(149).toNanos());
        }
    }

    @Test
    void aFailedSyncIsRetriedAsAFullOne() throws InterruptedException {
        writer.failures.set(1);
        try (ProxySyncLoop loop = loop(Duration.ofMillis(50), NO_RESYNC)) {
            loop.start();
            awaitQuiet();
        }

        assertThat(writer.calls).extracting(Call::scope).containsExactly(SyncScope.FULL, SyncScope.FULL);
    }

    private ProxySyncLoop loop(Duration minInterval, Duration resyncPeriod) {
        return new ProxySyncLoop(writer, () -> state(version.get()), new ProxyMetrics(new SimpleMeterRegistry(),
                "test"), Clock.systemUTC(), minInterval, resyncPeriod);
    }

    /** Waits until no sync has started for half a second. */
    private void awaitQuiet() throws InterruptedException {
        int seen = -1;
        while (seen != writer.calls.size()) {
            seen = writer.calls.size();
            Thread.sleep(500);
        }
    }

    /** A state whose one port has {@code n} endpoints, so each version differs. */
    private static ProxyState state(int n) {
        List<String> endpoints = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            endpoints.add("10.244." + (i / 250) + "." + (i % 250 + 2) + ":80");
        }
        ProxiedPort web = port("default", "web").endpoints(endpoints.toArray(String[]::new)).build();
        return ProxyState.of(List.of(web));
    }

    private record Call(ProxyState state, SyncScope scope, long startNanos) {
    }

    /** Records what the loop asks for; can take time and fail, as the kernel tools do. */
    private static final class RecordingWriter implements RuleWriter {
        private final List<Call> calls = new CopyOnWriteArrayList<>();
        private final AtomicInteger failures = new AtomicInteger();
        private volatile Duration delay = Duration.ZERO;

        @Override
        public String mode() {
            return "test";
        }

        @Override
        public SyncResult sync(ProxyState state, SyncScope scope) {
            calls.add(new Call(state, scope, System.nanoTime()));
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            if (failures.getAndDecrement() > 0) {
                throw new IllegalStateException("the kernel refused the batch");
            }
            return new SyncResult(1, 1, scope, state.ports().size());
        }

        @Override
        public void cleanup() {
        }
    }
}
