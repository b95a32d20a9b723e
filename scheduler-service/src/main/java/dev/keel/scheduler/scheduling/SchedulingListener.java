package dev.keel.scheduler.scheduling;

import dev.keel.scheduler.queue.QueuedPod;
import java.time.Duration;

/** Told what each scheduling attempt came to: events and metrics hang off it. */
public interface SchedulingListener {

    /**
     * The pod is bound.
     *
     * @param attempt    the duration of the attempt, from pop to bind
     * @param endToEnd   from when the pod was first seen pending to the bind
     */
    void scheduled(QueuedPod pod, String node, Duration attempt, Duration endToEnd);

    /** No node fit (message: the Kubernetes-style summary), or the bind failed; the pod is queued again. */
    void unschedulable(QueuedPod pod, String message, Duration attempt);

    /** A fault in a plugin or in the API call; the pod is queued again with back-off. */
    void failed(QueuedPod pod, String message, Duration attempt);

    /** The algorithm (pre-filter to score) took this long for the pod, whatever it decided. */
    default void decided(QueuedPod pod, Duration algorithm) {
    }

    /** Tells each listener in turn. */
    static SchedulingListener all(java.util.List<SchedulingListener> listeners) {
        return new SchedulingListener() {
            public void decided(QueuedPod pod, Duration algorithm) {
                listeners.forEach(l -> l.decided(pod, algorithm));
            }

            public void scheduled(QueuedPod pod, String node, Duration attempt, Duration endToEnd) {
                listeners.forEach(l -> l.scheduled(pod, node, attempt, endToEnd));
            }

            public void unschedulable(QueuedPod pod, String message, Duration attempt) {
                listeners.forEach(l -> l.unschedulable(pod, message, attempt));
            }

            public void failed(QueuedPod pod, String message, Duration attempt) {
                listeners.forEach(l -> l.failed(pod, message, attempt));
            }
        };
    }

    SchedulingListener NONE = new SchedulingListener() {
        public void scheduled(QueuedPod pod, String node, Duration attempt, Duration endToEnd) {
        }

        public void unschedulable(QueuedPod pod, String message, Duration attempt) {
        }

        public void failed(QueuedPod pod, String message, Duration attempt) {
        }
    };
}
