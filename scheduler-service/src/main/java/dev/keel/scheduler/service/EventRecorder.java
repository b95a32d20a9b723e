package dev.keel.scheduler.service;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes core/v1 Events about pods off the scheduling path: a bounded queue and two writer threads. When the queue
 * is full, events are dropped and counted rather than slowing scheduling down, as Kubernetes' broadcaster does.
 */
public final class EventRecorder implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EventRecorder.class);

    private final KubernetesClient client;
    private final Clock clock;
    private final String component;
    private final ThreadPoolExecutor writers;
    private final AtomicLong dropped = new AtomicLong();

    public EventRecorder(KubernetesClient client, Clock clock, String component) {
        this.client = client;
        this.clock = clock;
        this.component = component;
        this.writers = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(10_000),
                runnable -> {
                    Thread thread = new Thread(runnable, "scheduler-events");
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** Queues an event about the pod; type is Normal or Warning. */
    public void record(Pod pod, String type, String reason, String message) {
        String now = DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        Event event = new EventBuilder().withNewMetadata()
                .withName(pod.getMetadata().getName() + "." + UUID.randomUUID().toString().substring(0, 8))
                .withNamespace(pod.getMetadata().getNamespace()).endMetadata()
                .withNewInvolvedObject().withKind("Pod").withApiVersion("v1").withNamespace(pod.getMetadata().getNamespace())
                .withName(pod.getMetadata().getName()).withUid(pod.getMetadata().getUid()).endInvolvedObject()
                .withType(type).withReason(reason).withMessage(message).withCount(1)
                .withFirstTimestamp(now).withLastTimestamp(now)
                .withNewSource().withComponent(component).endSource()
                .withReportingComponent(component).build();
        try {
            writers.execute(() -> write(event));
        } catch (RejectedExecutionException e) {
            if (dropped.incrementAndGet() % 1000 == 1) {
                log.warn("Event queue full: dropped {} events so far (latest {} for pod {})", dropped.get(), reason,
                        pod.getMetadata().getName());
            }
        }
    }

    private void write(Event event) {
        try {
            client.v1().events().inNamespace(event.getMetadata().getNamespace()).resource(event).create();
        } catch (RuntimeException e) {
            log.warn("Could not record event {} for pod {}/{}: {}", event.getReason(), event.getMetadata().getNamespace(),
                    event.getInvolvedObject().getName(), e.getMessage());
        }
    }

    /** Events dropped because the queue was full. */
    public long dropped() {
        return dropped.get();
    }

    @Override
    public void close() {
        writers.shutdown();
        try {
            writers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
