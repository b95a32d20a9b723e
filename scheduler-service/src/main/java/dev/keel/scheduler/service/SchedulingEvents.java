package dev.keel.scheduler.service;

import dev.keel.runtime.events.EventRecorder;
import dev.keel.scheduler.queue.QueuedPod;
import dev.keel.scheduler.scheduling.SchedulingListener;
import java.time.Duration;

/** Leaves an Event per decision: Scheduled, or FailedScheduling with the reason. */
public final class SchedulingEvents implements SchedulingListener {

    private final EventRecorder recorder;

    public SchedulingEvents(EventRecorder recorder) {
        this.recorder = recorder;
    }

    @Override
    public void scheduled(QueuedPod pod, String node, Duration attempt, Duration endToEnd) {
        recorder.record(pod.pod().pod(), "Normal", "Scheduled", "Successfully assigned " + pod.key() + " to " + node);
    }

    @Override
    public void unschedulable(QueuedPod pod, String message, Duration attempt) {
        recorder.record(pod.pod().pod(), "Warning", "FailedScheduling", message);
    }

    @Override
    public void failed(QueuedPod pod, String message, Duration attempt) {
        recorder.record(pod.pod().pod(), "Warning", "FailedScheduling", message);
    }
}
