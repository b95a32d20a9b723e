package dev.keel.scheduler.queue;

import dev.keel.scheduler.framework.PodInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Pending pods in three places, as kube-scheduler keeps them: active (ready to be tried, highest priority first,
 * then oldest), back-off (failed recently, waiting out an exponential delay) and unschedulable (waiting for a
 * cluster change that may help, or for {@code unschedulableTimeout} at the latest).
 *
 * <p>A pod popped for scheduling is "in flight" until {@link #done}. If a helpful cluster change happens while it is
 * in flight and the attempt fails, the pod goes to back-off rather than unschedulable, so the change is not missed.
 */
public final class SchedulingQueue {

    private static final Comparator<QueuedPod> ACTIVE_ORDER = Comparator
            .comparingInt((QueuedPod p) -> -p.pod().priority())
            .thenComparing(QueuedPod::enqueued);

    private final Clock clock;
    private final BackoffPolicy backoff;
    private final Duration unschedulableTimeout;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition nonEmpty = lock.newCondition();
    private final PriorityQueue<QueuedPod> active = new PriorityQueue<>(ACTIVE_ORDER);
    private final PriorityQueue<QueuedPod> backingOff;
    private final Map<String, QueuedPod> unschedulable = new HashMap<>();
    private final Map<String, QueuedPod> byKey = new HashMap<>();
    private final Set<String> inFlight = new HashSet<>();
    private final Set<String> deletedInFlight = new HashSet<>();
    private long cycle;
    private long moveRequestCycle = -1;
    private boolean closed;

    public SchedulingQueue(Clock clock, BackoffPolicy backoff, Duration unschedulableTimeout) {
        this.clock = clock;
        this.backoff = backoff;
        this.unschedulableTimeout = unschedulableTimeout;
        this.backingOff = new PriorityQueue<>(Comparator.comparing(this::backoffExpiry));
    }

    /** A pod newly seen pending; ignored if the queue already holds it or it is in flight. */
    public void add(PodInfo pod) {
        lock.lock();
        try {
            if (byKey.containsKey(pod.key()) || inFlight.contains(pod.key())) {
                return;
            }
            QueuedPod queued = QueuedPod.fresh(pod, clock.instant());
            byKey.put(pod.key(), queued);
            active.add(queued);
            nonEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    /** A pending pod changed: the queue keeps the new version; an unschedulable pod gets another try. */
    public void update(PodInfo pod) {
        lock.lock();
        try {
            QueuedPod old = byKey.get(pod.key());
            if (old == null) {
                if (!inFlight.contains(pod.key())) {
                    add(pod);
                }
                return;
            }
            QueuedPod updated = old.withPod(pod);
            removeQueued(old);
            if (unschedulable.containsKey(pod.key())) {
                unschedulable.remove(pod.key());
                placeAfterWait(updated);
            } else if (backingOff.contains(old)) {
                backingOff.add(updated);
            } else {
                active.add(updated);
            }
            byKey.put(pod.key(), updated);
        } finally {
            lock.unlock();
        }
    }

    /** The pod is gone or no longer pending. */
    public void delete(String key) {
        lock.lock();
        try {
            if (inFlight.contains(key)) {
                deletedInFlight.add(key);
            }
            QueuedPod old = byKey.remove(key);
            if (old != null) {
                removeQueued(old);
                unschedulable.remove(key);
            }
        } finally {
            lock.unlock();
        }
    }

    /** The next pod to try, waiting up to the timeout; null if none came or the queue closed. */
    public QueuedPod pop(Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (active.isEmpty()) {
                if (closed || nanos <= 0) {
                    return null;
                }
                nanos = nonEmpty.awaitNanos(nanos);
            }
            QueuedPod next = active.poll();
            byKey.remove(next.key());
            inFlight.add(next.key());
            cycle++;
            return next.popped(cycle);
        } finally {
            lock.unlock();
        }
    }

    /**
     * A failed attempt. Pods that failed on an error, or that saw a helpful cluster change while in flight, go to
     * back-off; the rest wait as unschedulable.
     */
    public void requeue(QueuedPod pod, boolean error) {
        lock.lock();
        try {
            inFlight.remove(pod.key());
            if (deletedInFlight.remove(pod.key()) || byKey.containsKey(pod.key())) {
                return;
            }
            byKey.put(pod.key(), pod);
            if (error || moveRequestCycle >= pod.poppedInCycle()) {
                backingOff.add(pod);
            } else {
                unschedulable.put(pod.key(), pod);
            }
        } finally {
            lock.unlock();
        }
    }

    /** The attempt ended with the pod bound or dropped. */
    public void done(String key) {
        lock.lock();
        try {
            inFlight.remove(key);
            deletedInFlight.remove(key);
        } finally {
            lock.unlock();
        }
    }

    /** Moves the unschedulable pods this event may help to active (or to back-off if their delay is not over). */
    public void onClusterEvent(ClusterEvent event) {
        lock.lock();
        try {
            moveRequestCycle = cycle;
            Iterator<QueuedPod> it = unschedulable.values().iterator();
            while (it.hasNext()) {
                QueuedPod pod = it.next();
                if (event.mayHelp(pod.rejectedBy())) {
                    it.remove();
                    placeAfterWait(pod);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Moves pods whose back-off is over to active, and pods unschedulable for too long to active or back-off. */
    public void flush() {
        lock.lock();
        try {
            Instant now = clock.instant();
            while (!backingOff.isEmpty() && !backoffExpiry(backingOff.peek()).isAfter(now)) {
                active.add(backingOff.poll());
                nonEmpty.signal();
            }
            Iterator<QueuedPod> it = unschedulable.values().iterator();
            while (it.hasNext()) {
                QueuedPod pod = it.next();
                if (!pod.enqueued().plus(unschedulableTimeout).isAfter(now)) {
                    it.remove();
                    placeAfterWait(pod);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Wakes any thread in {@link #pop} and makes later pops return null at once. */
    public void close() {
        lock.lock();
        try {
            closed = true;
            nonEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public int activeCount() {
        return sizeOf(() -> active.size());
    }

    public int backoffCount() {
        return sizeOf(() -> backingOff.size());
    }

    public int unschedulableCount() {
        return sizeOf(() -> unschedulable.size());
    }

    public boolean contains(String key) {
        lock.lock();
        try {
            return byKey.containsKey(key) || inFlight.contains(key);
        } finally {
            lock.unlock();
        }
    }

    /** When the pod's current back-off ends. */
    public Instant backoffExpiry(QueuedPod pod) {
        return pod.enqueued().plus(backoff.after(Math.max(1, pod.attempts())));
    }

    private void placeAfterWait(QueuedPod pod) {
        if (backoffExpiry(pod).isAfter(clock.instant())) {
            backingOff.add(pod);
        } else {
            active.add(pod);
            nonEmpty.signal();
        }
    }

    private void removeQueued(QueuedPod pod) {
        if (!active.remove(pod)) {
            backingOff.remove(pod);
        }
    }

    private int sizeOf(java.util.function.IntSupplier size) {
        lock.lock();
        try {
            return size.getAsInt();
        } finally {
            lock.unlock();
        }
    }
}
