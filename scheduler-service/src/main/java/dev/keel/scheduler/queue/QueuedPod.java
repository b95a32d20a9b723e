package dev.keel.scheduler.queue;

import dev.keel.scheduler.framework.PodInfo;
import java.time.Instant;
import java.util.Set;

/**
 * A pending pod as the queue holds it.
 *
 * @param pod                  the pod
 * @param enqueued             when it last entered the queue (orders pods of equal priority)
 * @param firstEnqueued        when it was first seen pending (end-to-end latency starts here)
 * @param attempts             scheduling attempts so far
 * @param rejectedBy           plugins that rejected it on its last attempt (decides which events may help it)
 * @param poppedInCycle        the queue's cycle number when it was last popped
 */
public record QueuedPod(PodInfo pod, Instant enqueued, Instant firstEnqueued, int attempts, Set<String> rejectedBy,
                        long poppedInCycle) {

    public QueuedPod {
        rejectedBy = Set.copyOf(rejectedBy);
    }

    static QueuedPod fresh(PodInfo pod, Instant now) {
        return new QueuedPod(pod, now, now, 0, Set.of(), 0);
    }

    public String key() {
        return pod.key();
    }

    QueuedPod withPod(PodInfo newPod) {
        return new QueuedPod(newPod, enqueued, firstEnqueued, attempts, rejectedBy, poppedInCycle);
    }

    QueuedPod popped(long cycle) {
        return new QueuedPod(pod, enqueued, firstEnqueued, attempts + 1, rejectedBy, cycle);
    }

    /** The same pod after a failed attempt, rejected by those plugins. */
    public QueuedPod rejected(Set<String> plugins, Instant now) {
        return new QueuedPod(pod, now, firstEnqueued, attempts, plugins, poppedInCycle);
    }
}
