package dev.keel.runtime.controller;

import dev.keel.runtime.queue.WorkQueue;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/** One controller's meters: queue depth, adds and retries, reconcile duration by result, and errors. */
final class ControllerMetrics {

    private final MeterRegistry registry;
    private final String controller;
    private final Counter adds;
    private final Counter retries;
    private final Counter errors;

    ControllerMetrics(MeterRegistry registry, String controller, WorkQueue<?> queue) {
        this.registry = registry;
        this.controller = controller;
        Gauge.builder("keel.workqueue.depth", queue, WorkQueue::depth)
                .description("Keys waiting to be reconciled").tag("controller", controller).register(registry);
        Gauge.builder("keel.workqueue.delayed", queue, WorkQueue::delayedCount)
                .description("Keys waiting for a back-off or requeue delay").tag("controller", controller).register(registry);
        this.adds = Counter.builder("keel.workqueue.adds").description("Keys added by watch events")
                .tag("controller", controller).register(registry);
        this.retries = Counter.builder("keel.workqueue.retries").description("Keys requeued with back-off after a failure")
                .tag("controller", controller).register(registry);
        this.errors = Counter.builder("keel.reconcile.errors").description("Reconcile passes that failed")
                .tag("controller", controller).register(registry);
    }

    void added() {
        adds.increment();
    }

    void retried() {
        retries.increment();
    }

    void reconciled(String result, Duration took) {
        if (!"success".equals(result) && !"requeue".equals(result)) {
            errors.increment();
        }
        Timer.builder("keel.reconcile.duration").description("Time of one reconcile pass")
                .tag("controller", controller).tag("result", result)
                .publishPercentileHistogram()
                .register(registry)
                .record(took);
    }
}
