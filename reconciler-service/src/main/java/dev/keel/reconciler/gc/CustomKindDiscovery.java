package dev.keel.reconciler.gc;

import dev.keel.runtime.controller.Controller;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Kubernetes' garbage collector re-reads discovery periodically and starts monitors for resources that appeared; this
 * lists the CustomResourceDefinitions every {@code period} and has {@link CustomKindMonitors} follow the kinds of the
 * Established ones. An API server that serves no CustomResourceDefinitions (404) has no custom kinds. When the
 * collector (re)starts, e.g. as a new leader, the cached custom objects are handed to it again, as its built-in
 * informers' are.
 */
public final class CustomKindDiscovery implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CustomKindDiscovery.class);

    private final KubernetesClient client;
    private final CustomKindMonitors monitors;
    private final Controller collector;
    private final Duration period;
    private ScheduledExecutorService executor;
    private boolean collectorWasRunning;

    public CustomKindDiscovery(KubernetesClient client, CustomKindMonitors monitors, Controller collector,
            Duration period) {
        this.client = client;
        this.monitors = monitors;
        this.collector = collector;
        this.period = period;
    }

    @Override
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "gc-custom-kind-discovery");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::syncOnce, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One discovery pass; never throws (a failed pass keeps the monitors as they are until the next one). */
    void syncOnce() {
        try {
            monitors.follow(CrdKinds.of(definitions()));
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                return; // stopping: the pass was cut short on purpose
            }
            log.warn("Garbage collector could not list CustomResourceDefinitions; custom kinds followed stay {}: {}",
                    monitors.followed(), e.toString(), e);
        }
        boolean running = collector.isRunning();
        if (running && !collectorWasRunning) {
            monitors.resync();
        }
        collectorWasRunning = running;
    }

    private List<CustomResourceDefinition> definitions() {
        try {
            return client.apiextensions().v1().customResourceDefinitions().list().getItems();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                log.debug("CustomResourceDefinitions are not served: no custom kinds to follow");
                return List.of();
            }
            throw e;
        }
    }

    @Override
    public synchronized void stop() {
        if (executor == null) {
            return;
        }
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor = null;
        monitors.close();
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
