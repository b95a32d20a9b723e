package dev.keel.scheduler.scheduling;

import dev.keel.scheduler.cache.SchedulerCache;
import dev.keel.scheduler.framework.CycleState;
import dev.keel.scheduler.framework.Framework;
import dev.keel.scheduler.framework.PodInfo;
import dev.keel.scheduler.framework.PostFilterResult;
import dev.keel.scheduler.framework.Snapshot;
import dev.keel.scheduler.framework.Status;
import dev.keel.scheduler.queue.QueuedPod;
import dev.keel.scheduler.queue.SchedulingQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduling loop: one thread takes pods from the queue, finds each a node against a snapshot of the cache,
 * assumes it there and hands the bind to a pool, so the next pod's cycle already counts this one's capacity.
 */
public final class Scheduler implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(Scheduler.class);

    private final SchedulingQueue queue;
    private final SchedulerCache cache;
    private final Map<String, Framework> profiles;
    private final ExecutorService binders;
    private final SchedulingListener listener;
    private final Clock clock;
    private final ScheduleAlgorithm algorithm;

    public Scheduler(SchedulingQueue queue, SchedulerCache cache, Map<String, Framework> profiles, ExecutorService binders,
                     SchedulingListener listener, Clock clock, ScheduleAlgorithm algorithm) {
        this.queue = queue;
        this.cache = cache;
        this.profiles = Map.copyOf(profiles);
        this.binders = binders;
        this.listener = listener;
        this.clock = clock;
        this.algorithm = algorithm;
    }

    /** Whether a profile serves this scheduler name. */
    public boolean serves(String schedulerName) {
        return profiles.containsKey(schedulerName == null ? "default-scheduler" : schedulerName);
    }

    /** Schedules until the thread is interrupted. */
    @Override
    public void run() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                QueuedPod pod = queue.pop(Duration.ofSeconds(1));
                if (pod != null) {
                    scheduleOnceIsolated(pod);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("Scheduling loop fault; continuing", e);
            }
        }
    }

    /** A cycle that throws (an odd pod) fails that pod only: it goes back to the queue with back-off. */
    private void scheduleOnceIsolated(QueuedPod pod) {
        Instant start = clock.instant();
        try {
            scheduleOne(pod);
        } catch (RuntimeException e) {
            fail(pod, "scheduling " + pod.key() + " failed: " + e, start, e);
        }
    }

    /** One scheduling cycle for one pod; binding continues on the pool. */
    public void scheduleOne(QueuedPod queued) {
        Instant start = clock.instant();
        PodInfo pod = queued.pod();
        Framework framework = profiles.get(pod.pod().getSpec().getSchedulerName());
        if (framework == null) {
            queue.done(pod.key());
            return;
        }
        Snapshot snapshot = cache.snapshot();
        CycleState state = new CycleState();
        ScheduleAttempt attempt = algorithm.schedule(framework, state, pod, snapshot);
        listener.decided(queued, Duration.between(start, clock.instant()));
        if (attempt.error() != null) {
            fail(queued, "scheduling " + pod.key() + " failed: " + attempt.error().message(), start, attempt.error().cause());
            return;
        }
        if (!attempt.scheduled()) {
            String message = attempt.diagnosis().summary();
            PostFilterResult post = framework.runPostFilters(state, pod, snapshot, attempt.diagnosis().nodeStatuses());
            if (post.status().isSuccess()) {
                message = message + " Preemption is making room on node " + post.nominatedNode() + ".";
            }
            log.debug("Pod {} is unschedulable: {}", pod.key(), message);
            queue.requeue(queued.rejected(attempt.diagnosis().rejectingPlugins(), clock.instant()), false);
            listener.unschedulable(queued, message, Duration.between(start, clock.instant()));
            return;
        }
        String node = attempt.node();
        PodInfo assumed = pod.assumedOn(node);
        cache.assume(assumed, node);
        Status reserve = framework.runReserve(state, assumed, node);
        if (!reserve.isSuccess()) {
            cache.forget(pod.key());
            fail(queued, "reserving " + node + " for " + pod.key() + " failed: " + reserve.message(), start, reserve.cause());
            return;
        }
        try {
            binders.execute(() -> bind(framework, state, queued, assumed, node, start));
        } catch (RejectedExecutionException e) {
            framework.runUnreserve(state, assumed, node);
            cache.forget(pod.key());
            fail(queued, "binding " + pod.key() + " could not start: " + e.getMessage(), start, e);
        }
    }

    private void bind(Framework framework, CycleState state, QueuedPod queued, PodInfo assumed, String node, Instant start) {
        Status status = framework.runBind(state, assumed, node);
        if (status.isSuccess()) {
            cache.finishBinding(assumed.key());
            queue.done(assumed.key());
            Instant now = clock.instant();
            log.debug("Bound pod {} to node {}", assumed.key(), node);
            listener.scheduled(queued, node, Duration.between(start, now), Duration.between(queued.firstEnqueued(), now));
            return;
        }
        framework.runUnreserve(state, assumed, node);
        cache.forget(assumed.key());
        fail(queued, "Binding rejected: " + status.message(), start, status.cause());
    }

    private void fail(QueuedPod queued, String message, Instant start, Throwable cause) {
        if (cause != null) {
            log.warn("Pod {}: {}", queued.key(), message, cause);
        } else {
            log.info("Pod {}: {}", queued.key(), message);
        }
        queue.requeue(queued.rejected(java.util.Set.of(), clock.instant()), true);
        listener.failed(queued, message, Duration.between(start, clock.instant()));
    }
}
