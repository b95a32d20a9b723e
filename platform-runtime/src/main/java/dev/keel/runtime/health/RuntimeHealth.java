package dev.keel.runtime.health;

import dev.keel.runtime.controller.Informers;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a service's loops work: every registered informer has a synced cache and a live watch, and every
 * registered controller runs whenever it should. A check that has been failing for longer than its bound makes the
 * whole report DOWN; a sampler looks every {@code samplePeriod}, so an outage is timed from when it began, not from
 * when someone first asked.
 */
public final class RuntimeHealth implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RuntimeHealth.class);

    private final RuntimeHealthProperties properties;
    private final Clock clock;
    private final List<Source> sources = new CopyOnWriteArrayList<>();
    private final Map<String, Instant> failingSince = new ConcurrentHashMap<>();
    /** Checks that held once: failing again is news; failing since start-up (caches listing) is expected. */
    private final Set<String> heldOnce = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService sampler;

    /** One named condition: {@code ok} says whether it holds now. */
    public record Check(String name, BooleanSupplier ok, Duration bound) {
    }

    /** The outcome: up, and for each check whether it holds and since when it has been failing. */
    public record Report(boolean up, Map<String, String> details) {
    }

    private interface Source extends Supplier<List<Check>> {
    }

    public RuntimeHealth(RuntimeHealthProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        this.sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "runtime-health");
            thread.setDaemon(true);
            return thread;
        });
        long period = properties.getSamplePeriod().toMillis();
        sampler.scheduleWithFixedDelay(this::sampleQuietly, period, period, TimeUnit.MILLISECONDS);
    }

    /** Watches one informer: synced, running and watching. */
    public void informer(String name, SharedIndexInformer<?> informer) {
        sources.add(() -> List.of(informerCheck("informer " + name, informer)));
    }

    /** Watches every informer {@code informers} holds, those created later included. */
    public void informers(Informers informers) {
        sources.add(() -> {
            List<Check> checks = new ArrayList<>();
            informers.all().forEach((type, informer) -> checks.add(informerCheck("informer " + type.getSimpleName(), informer)));
            return checks;
        });
    }

    /** Watches a controller (or another loop) that must run whenever {@code shouldRun} holds. */
    public void controller(String name, BooleanSupplier shouldRun, BooleanSupplier running) {
        Check check = new Check("controller " + name, () -> !shouldRun.getAsBoolean() || running.getAsBoolean(),
                properties.getControllerRunningBound());
        sources.add(() -> List.of(check));
    }

    private Check informerCheck(String name, SharedIndexInformer<?> informer) {
        return new Check(name, () -> Informers.isWatching(informer),
                properties.getInformerSyncBound());
    }

    private void sampleQuietly() {
        try {
            sample();
        } catch (RuntimeException e) {
            log.warn("Health sample failed: {}", e.toString(), e);
        }
    }

    /** Looks at every check now, recording when each began to fail; returns the report. */
    public synchronized Report sample() {
        Instant now = clock.instant();
        boolean up = true;
        Map<String, String> details = new LinkedHashMap<>();
        for (Source source : sources) {
            for (Check check : source.get()) {
                if (check.ok().getAsBoolean()) {
                    if (failingSince.remove(check.name()) != null && heldOnce.contains(check.name())) {
                        log.info("{} is healthy again", check.name());
                    }
                    heldOnce.add(check.name());
                    details.put(check.name(), "ok");
                    continue;
                }
                Instant since = failingSince.computeIfAbsent(check.name(), name -> {
                    if (heldOnce.contains(name)) {
                        log.warn("{} stopped being synced/running; health DOWN if it lasts {}", name, check.bound());
                    }
                    return now;
                });
                boolean tooLong = Duration.between(since, now).compareTo(check.bound()) > 0;
                up &= !tooLong;
                details.put(check.name(), (tooLong ? "DOWN" : "waiting") + ": failing since " + since
                        + " (bound " + check.bound() + ")");
            }
        }
        return new Report(up, details);
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
