package dev.keel.scheduler.service;

import dev.keel.scheduler.queue.QueuedPod;
import dev.keel.scheduler.queue.SchedulingQueue;
import dev.keel.scheduler.scheduling.SchedulingListener;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Scheduler metrics, named after kube-scheduler's: attempt duration by result, pending pods by queue, and the
 * end-to-end time from a pod first seen pending to its binding.
 */
public final class SchedulerMetrics implements SchedulingListener {

    private final Timer scheduled;
    private final Timer unschedulable;
    private final Timer error;
    private final Timer endToEnd;
    private final Timer algorithm;

    /**
     * @param droppedEvents events dropped so far because the event queue was full
     */
    public SchedulerMetrics(MeterRegistry registry, SchedulingQueue queue, LongSupplier droppedEvents) {
        this.scheduled = attempts(registry, "scheduled");
        this.unschedulable = attempts(registry, "unschedulable");
        this.error = attempts(registry, "error");
        this.endToEnd = Timer.builder("scheduler.pod.scheduling.duration")
                .description("Time from a pod first seen pending to its binding")
                .publishPercentileHistogram().register(registry);
        this.algorithm = Timer.builder("scheduler.scheduling.algorithm.duration")
                .description("Time the scheduling algorithm (snapshot, filter, score) took for one pod")
                .publishPercentileHistogram().register(registry);
        FunctionCounter.builder("scheduler.events.dropped", droppedEvents, LongSupplier::getAsLong)
                .description("Events not written because the event queue was full").register(registry);
        Gauge.builder("scheduler.pending.pods", queue, SchedulingQueue::activeCount).tag("queue", "active").register(registry);
        Gauge.builder("scheduler.pending.pods", queue, SchedulingQueue::backoffCount).tag("queue", "backoff").register(registry);
        Gauge.builder("scheduler.pending.pods", queue, SchedulingQueue::unschedulableCount).tag("queue", "unschedulable").register(registry);
    }

    private static Timer attempts(MeterRegistry registry, String result) {
        return Timer.builder("scheduler.scheduling.attempt.duration")
                .description("Duration of one scheduling attempt, from pop to bind, by result")
                .tag("result", result).publishPercentileHistogram().register(registry);
    }

    @Override
    public void decided(QueuedPod pod, Duration took) {
        algorithm.record(took);
    }

    @Override
    public void scheduled(QueuedPod pod, String node, Duration attempt, Duration total) {
        scheduled.record(attempt);
        endToEnd.record(total);
    }

    @Override
    public void unschedulable(QueuedPod pod, String message, Duration attempt) {
        unschedulable.record(attempt);
    }

    @Override
    public void failed(QueuedPod pod, String message, Duration attempt) {
        error.record(attempt);
    }
}
