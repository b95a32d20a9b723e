package dev.keel.runtime.events;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes core/v1 Events about objects, as kubectl describe shows them. Writes happen off the caller's thread and
 * never fail the caller. The same event about the same object within {@link #AGGREGATION_WINDOW} bumps the existing
 * Event's count and lastTimestamp instead of adding another, as Kubernetes' recorder does.
 */
public final class EventRecorder implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EventRecorder.class);
    static final Duration AGGREGATION_WINDOW = Duration.ofMinutes(10);
    private static final int REMEMBERED = 4096;
    static final int DEFAULT_QUEUE_CAPACITY = 10_000;
    /** MicroTime is RFC 3339 with exactly six fractional digits; kubectl cannot parse an Event with nine. */
    private static final DateTimeFormatter MICRO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSX")
            .withZone(ZoneOffset.UTC);

    private final KubernetesClient client;
    private final String component;
    private final String host;
    private final Clock clock;
    private final ThreadPoolExecutor writer;
    private final AtomicLong dropped = new AtomicLong();
    private final Map<String, Recorded> recent = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Recorded> eldest) {
            return size() > REMEMBERED;
        }
    };

    private record Recorded(String namespace, String name, int count, Instant firstSeen) {
    }

    public EventRecorder(KubernetesClient client, String component, String host, Clock clock) {
        this(client, component, host, clock, DEFAULT_QUEUE_CAPACITY);
    }

    /**
     * @param queueCapacity events waiting to be written at most; further ones are dropped (and counted) rather than
     *                      making the caller wait, as Kubernetes' event broadcaster does with its 1,000
     */
    public EventRecorder(KubernetesClient client, String component, String host, Clock clock, int queueCapacity) {
        this.client = client;
        this.component = component;
        this.host = host;
        this.clock = clock;
        this.writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queueCapacity), runnable -> {
            Thread thread = new Thread(runnable, "events-" + component);
            thread.setDaemon(true);
            return thread;
        });
    }

    public void normal(HasMetadata object, String reason, String message) {
        record(object, "Normal", reason, message);
    }

    public void warning(HasMetadata object, String reason, String message) {
        record(object, "Warning", reason, message);
    }

    public void record(HasMetadata object, String type, String reason, String message) {
        try {
            writer.execute(() -> write(object, type, reason, message));
        } catch (RejectedExecutionException e) {
            long count = dropped.incrementAndGet();
            // A full queue drops events by the thousand: one line per hundred keeps the log readable.
            if (count % 100 == 1) {
                log.warn("Dropped event {} {} about {} {}: the event queue is full ({} dropped so far)", type, reason,
                        object.getKind(), object.getMetadata().getName(), count);
            }
        }
    }

    /** Events dropped so far because the queue was full. */
    public long dropped() {
        return dropped.get();
    }

    private void write(HasMetadata object, String type, String reason, String message) {
        Instant now = clock.instant();
        String key = object.getMetadata().getUid() + "\u0000" + type + "\u0000" + reason + "\u0000" + message;
        Recorded previous = recent.get(key);
        try {
            if (previous != null && Duration.between(previous.firstSeen(), now).compareTo(AGGREGATION_WINDOW) < 0
                    && bump(previous, now)) {
                recent.put(key, new Recorded(previous.namespace(), previous.name(), previous.count() + 1, previous.firstSeen()));
                return;
            }
            Event created = client.v1().events().inNamespace(namespaceOf(object)).resource(event(object, type, reason, message, now)).create();
            recent.put(key, new Recorded(created.getMetadata().getNamespace(), created.getMetadata().getName(), 1, now));
        } catch (KubernetesClientException e) {
            log.warn("Could not record event {} {} about {} {}/{}: {}", type, reason, object.getKind(),
                    object.getMetadata().getNamespace(), object.getMetadata().getName(), e.getMessage());
        }
    }

    /** Bumps count and lastTimestamp; false if the Event is gone (expired), so a new one is written. */
    private boolean bump(Recorded previous, Instant now) {
        String patch = "{\"count\":" + (previous.count() + 1) + ",\"lastTimestamp\":\"" + timestamp(now) + "\"}";
        try {
            client.v1().events().inNamespace(previous.namespace()).withName(previous.name())
                    .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    private Event event(HasMetadata object, String type, String reason, String message, Instant now) {
        String stamp = timestamp(now);
        return new EventBuilder()
                .withNewMetadata()
                    .withName(object.getMetadata().getName() + "." + Long.toHexString(now.toEpochMilli() * 1_000_000L + now.getNano() % 1_000_000))
                    .withNamespace(namespaceOf(object))
                .endMetadata()
                .withInvolvedObject(new ObjectReferenceBuilder()
                        .withApiVersion(object.getApiVersion())
                        .withKind(object.getKind())
                        .withNamespace(object.getMetadata().getNamespace())
                        .withName(object.getMetadata().getName())
                        .withUid(object.getMetadata().getUid())
                        .withResourceVersion(object.getMetadata().getResourceVersion())
                        .build())
                .withType(type)
                .withReason(reason)
                .withMessage(message)
                .withNewSource().withComponent(component).withHost(host).endSource()
                .withReportingComponent(component)
                .withReportingInstance(host)
                .withFirstTimestamp(stamp)
                .withLastTimestamp(stamp)
                .withEventTime(new MicroTime(MICRO_TIME.format(now)))
                .withCount(1)
                .build();
    }

    private static String namespaceOf(HasMetadata object) {
        String namespace = object.getMetadata().getNamespace();
        return namespace == null || namespace.isEmpty() ? "default" : namespace;
    }

    private static String timestamp(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    /** Waits a few seconds for queued events to be written, then stops. */
    @Override
    public void close() {
        writer.shutdown();
        try {
            writer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
