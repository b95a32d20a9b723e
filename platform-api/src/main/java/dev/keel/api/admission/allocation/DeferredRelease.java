package dev.keel.api.admission.allocation;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Frees values a service stopped using once the write that dropped them is in storage.
 *
 * <p>Admission runs before the write, and only hears about failures ({@code request.onFailure}), never about
 * success. So a release waits: it watches the stored service until its revision moves past the one the update
 * started from, then frees each dropped value the service still does not use, provided its key was not
 * touched since (a later update may have taken the value back). A failed write cancels the release. If the
 * service is gone, or was replaced by another with the same name, its values go at once. What cannot be
 * decided within the timeout stays allocated: a leak, never a value shared by two services.
 */
public class DeferredRelease implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeferredRelease.class);
    private static final long FIRST_DELAY_MILLIS = 100;
    private static final long MAX_DELAY_MILLIS = 5000;

    private final ServiceLookup lookup;
    private final Duration timeout;
    private final ScheduledExecutorService executor;
    private final LongSupplier clock;

    public DeferredRelease(ServiceLookup lookup, Duration timeout) {
        this(lookup, timeout, Executors.newSingleThreadScheduledExecutor(daemon()), System::nanoTime);
    }

    DeferredRelease(ServiceLookup lookup, Duration timeout, ScheduledExecutorService executor, LongSupplier clock) {
        this.lookup = lookup;
        this.timeout = timeout;
        this.executor = executor;
        this.clock = clock;
    }

    /** A value to free, from the allocator that holds it, if its key still has {@code keyRevision}. */
    public record Held(RangeAllocator allocator, String value, long keyRevision, boolean nodePort) {
    }

    /** A scheduled release; {@link #cancel()} it when the write it waits for failed. */
    public static final class Handle {

        private final AtomicBoolean cancelled = new AtomicBoolean();

        public void cancel() {
            cancelled.set(true);
        }

        boolean cancelled() {
            return cancelled.get();
        }
    }

    /**
     * @param owner          the allocation owner ({@code namespace/name/uid})
     * @param uid            the service's uid
     * @param beforeRevision the service's revision before the write; -1 to decide at once from what is stored
     */
    public Handle schedule(String namespace, String name, String owner, String uid, long beforeRevision, List<Held> values) {
        Handle handle = new Handle();
        if (!values.isEmpty()) {
            long deadline = clock.getAsLong() + timeout.toNanos();
            submit(new Task(namespace, name, owner, uid, beforeRevision, List.copyOf(values), handle, deadline), FIRST_DELAY_MILLIS);
        }
        return handle;
    }

    private void submit(Task task, long delayMillis) {
        executor.schedule(() -> run(task, delayMillis), delayMillis, TimeUnit.MILLISECONDS);
    }

    private void run(Task task, long delayMillis) {
        if (task.handle.cancelled()) {
            return;
        }
        Optional<ServiceHoldings> stored;
        try {
            stored = lookup.find(task.namespace, task.name);
        } catch (RuntimeException e) {
            retryOrGiveUp(task, delayMillis, e);
            return;
        }
        boolean gone = stored.isEmpty() || !stored.get().uid().equals(task.uid);
        if (!gone && task.beforeRevision >= 0 && stored.get().revision() <= task.beforeRevision) {
            retryOrGiveUp(task, delayMillis, null);
            return;
        }
        for (Held held : task.values) {
            boolean inUse = !gone && (held.nodePort() ? stored.get().nodePorts() : stored.get().clusterIps()).contains(held.value());
            if (inUse) {
                continue;
            }
            try {
                if (held.allocator().release(held.value(), task.owner, held.keyRevision())) {
                    log.debug("Released {} of service {}/{}", held.value(), task.namespace, task.name);
                }
            } catch (RuntimeException e) {
                log.warn("Could not release {} of service {}/{}; it stays allocated", held.value(), task.namespace, task.name, e);
            }
        }
    }

    private void retryOrGiveUp(Task task, long delayMillis, RuntimeException failure) {
        if (clock.getAsLong() - task.deadline >= 0) {
            log.warn("Gave up releasing {} of service {}/{}: its update was not seen in storage within {}; they stay allocated",
                    task.values.stream().map(Held::value).toList(), task.namespace, task.name, timeout, failure);
            return;
        }
        if (failure != null) {
            log.debug("Reading service {}/{} to release {} failed; retrying", task.namespace, task.name,
                    task.values.stream().map(Held::value).toList(), failure);
        }
        submit(task, Math.min(delayMillis * 2, MAX_DELAY_MILLIS));
    }

    @Override
    public void close() {
        List<Runnable> pending = executor.shutdownNow();
        if (!pending.isEmpty()) {
            log.info("{} pending releases dropped at shutdown; their values stay allocated", pending.size());
        }
    }

    private static ThreadFactory daemon() {
        return runnable -> {
            Thread thread = new Thread(runnable, "keel-allocation-release");
            thread.setDaemon(true);
            return thread;
        };
    }

    private record Task(String namespace, String name, String owner, String uid, long beforeRevision, List<Held> values,
            Handle handle, long deadline) {
    }
}
