package dev.keel.runtime.queue;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A queue of keys to reconcile. A key waits at most once (adding it again while it waits changes nothing), is
 * handed to one worker at a time (added while in flight, it is queued again when that worker is {@link #done}),
 * and can be added after a delay or after the delay its {@link RateLimiter} asks for.
 */
public final class WorkQueue<K> implements AutoCloseable {

    private final String name;
    private final RateLimiter<K> rateLimiter;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Deque<K> queue = new ArrayDeque<>();
    private final Set<K> dirty = new HashSet<>();
    private final Set<K> processing = new HashSet<>();
    private final Map<K, Delayed> delayed = new HashMap<>();
    private final ScheduledExecutorService timer;
    private boolean shuttingDown;

    private record Delayed(long dueNanos, ScheduledFuture<?> task) {
    }

    public WorkQueue(String name, RateLimiter<K> rateLimiter) {
        this.name = name;
        this.rateLimiter = rateLimiter;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "workqueue-" + name + "-delay");
            thread.setDaemon(true);
            return thread;
        });
    }

    public String name() {
        return name;
    }

    /** Queues {@code key} unless it already waits; a key in flight is queued again once done. */
    public void add(K key) {
        lock.lock();
        try {
            if (shuttingDown || !dirty.add(key)) {
                return;
            }
            if (!processing.contains(key)) {
                queue.addLast(key);
                notEmpty.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Adds {@code key} once {@code delay} has passed; of several pending delays for a key the earliest wins. */
    public void addAfter(K key, Duration delay) {
        if (delay.isZero() || delay.isNegative()) {
            add(key);
            return;
        }
        lock.lock();
        try {
            if (shuttingDown) {
                return;
            }
            long due = System.nanoTime() + delay.toNanos();
            Delayed pending = delayed.get(key);
            if (pending != null && pending.dueNanos() <= due) {
                return;
            }
            if (pending != null) {
                pending.task().cancel(false);
            }
            ScheduledFuture<?> task = timer.schedule(() -> fire(key, due), delay.toNanos(), TimeUnit.NANOSECONDS);
            delayed.put(key, new Delayed(due, task));
        } finally {
            lock.unlock();
        }
    }

    private void fire(K key, long due) {
        lock.lock();
        try {
            Delayed pending = delayed.get(key);
            if (pending != null && pending.dueNanos() == due) {
                delayed.remove(key);
            }
        } finally {
            lock.unlock();
        }
        add(key);
    }

    /** Adds {@code key} after the delay the rate limiter gives it (one more failure counted). */
    public void addRateLimited(K key) {
        addAfter(key, rateLimiter.when(key));
    }

    /** Stops counting failures of {@code key}. */
    public void forget(K key) {
        rateLimiter.forget(key);
    }

    public int retries(K key) {
        return rateLimiter.retries(key);
    }

    /**
     * The next key, waiting up to {@code timeout} for one; empty on timeout or once the queue shuts down. The
     * caller must call {@link #done} with it.
     */
    public Optional<K> poll(Duration timeout) throws InterruptedException {
        long remaining = timeout.toNanos();
        lock.lock();
        try {
            while (queue.isEmpty()) {
                if (shuttingDown || remaining <= 0) {
                    return Optional.empty();
                }
                remaining = notEmpty.awaitNanos(remaining);
            }
            K key = queue.pollFirst();
            processing.add(key);
            dirty.remove(key);
            return Optional.of(key);
        } finally {
            lock.unlock();
        }
    }

    /** Marks {@code key} no longer in flight; if it was added meanwhile it is queued again. */
    public void done(K key) {
        lock.lock();
        try {
            processing.remove(key);
            if (dirty.contains(key)) {
                queue.addLast(key);
                notEmpty.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Keys waiting to be handed out (not those in flight or delayed). */
    public int depth() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** Keys waiting for a delay to pass. */
    public int delayedCount() {
        lock.lock();
        try {
            return delayed.size();
        } finally {
            lock.unlock();
        }
    }

    /** Hands out no more keys: waiting pollers return empty, later adds are ignored. */
    public void shutDown() {
        lock.lock();
        try {
            shuttingDown = true;
            queue.clear();
            dirty.clear();
            delayed.values().forEach(pending -> pending.task().cancel(false));
            delayed.clear();
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
        timer.shutdownNow();
    }

    public boolean isShuttingDown() {
        lock.lock();
        try {
            return shuttingDown;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        shutDown();
    }
}
