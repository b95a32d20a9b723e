package dev.keel.runtime.controller;

import dev.keel.runtime.queue.ExponentialBackoffRateLimiter;
import dev.keel.runtime.queue.MaxOfRateLimiter;
import dev.keel.runtime.queue.RateLimiter;
import dev.keel.runtime.queue.TokenBucketRateLimiter;
import dev.keel.runtime.queue.WorkQueue;
import dev.keel.runtime.reconcile.Reconciler;
import dev.keel.runtime.reconcile.Request;
import dev.keel.runtime.reconcile.Result;
import dev.keel.runtime.reconcile.TerminalReconcileException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One reconcile loop: informers feed keys into a de-duplicating work queue, and a bounded number of workers hand
 * them to the reconciler one key at a time. Workers start only once every watched informer has synced, so a reconciler
 * never acts on a half-filled cache. A controller can be started again after {@link #stop()} (leadership regained).
 */
public final class Controller {

    private static final Logger log = LoggerFactory.getLogger(Controller.class);

    private final String name;
    private final Reconciler reconciler;
    private final int workers;
    private final List<SharedIndexInformer<?>> informers;
    private final RateLimiter<Request> rateLimiter;
    private final MeterRegistry meterRegistry;
    private final Duration syncTimeout;
    private final List<Thread> threads = new ArrayList<>();
    /** The workers as last started, read without the lock: health checks must not wait for a start or a stop. */
    private volatile List<Thread> workerSnapshot = List.of();
    private final List<Registration<?>> sources = new ArrayList<>();
    private volatile WorkQueue<Request> queue;
    private volatile ControllerMetrics metrics;

    private record Registration<T extends HasMetadata>(SharedIndexInformer<T> informer, EventSource<T> source) {
    }

    private Controller(Builder builder) {
        this.name = builder.name;
        this.reconciler = builder.reconciler;
        this.workers = builder.workers;
        this.informers = List.copyOf(builder.informers);
        this.rateLimiter = builder.rateLimiter;
        this.meterRegistry = builder.meterRegistry;
        this.syncTimeout = builder.syncTimeout;
        builder.registrations.forEach(registration -> registration.accept(this));
    }

    public static Builder builder(String name, Reconciler reconciler) {
        return new Builder(name, reconciler);
    }

    public String name() {
        return name;
    }

    /** Queues a key by hand (e.g. from a timer or another controller); ignored while stopped. */
    public void enqueue(Request request) {
        WorkQueue<Request> current = queue;
        if (current != null) {
            current.add(request);
        }
    }

    /** Waits for the watched informers to sync, then starts the workers. */
    public synchronized void start() throws InterruptedException {
        if (queue != null) {
            return;
        }
        awaitSynced();
        WorkQueue<Request> started = new WorkQueue<>(name, rateLimiter);
        metrics = new ControllerMetrics(meterRegistry, name, started);
        queue = started;
        // Everything the caches hold gets one pass: the level-triggered start after a restart or a new leader.
        for (SharedIndexInformer<?> informer : informers) {
            resyncAll(informer);
        }
        for (int i = 0; i < workers; i++) {
            Thread thread = new Thread(() -> work(started), "controller-" + name + "-" + i);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
        workerSnapshot = List.copyOf(threads);
        log.info("Started controller {} with {} workers", name, workers);
    }

    /** Stops handing out keys and waits for the workers to finish their current pass. */
    public synchronized void stop() {
        WorkQueue<Request> stopping = queue;
        if (stopping == null) {
            return;
        }
        queue = null;
        workerSnapshot = List.of();
        stopping.shutDown();
        for (Thread thread : threads) {
            try {
                thread.join(Duration.ofSeconds(30).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        threads.clear();
        log.info("Stopped controller {}", name);
    }

    /** Started, and every worker still alive. */
    public boolean isRunning() {
        List<Thread> workers = workerSnapshot;
        return queue != null && !workers.isEmpty() && workers.stream().allMatch(Thread::isAlive);
    }

    private void awaitSynced() throws InterruptedException {
        long deadline = System.nanoTime() + syncTimeout.toNanos();
        for (SharedIndexInformer<?> informer : informers) {
            while (!informer.hasSynced()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("controller " + name + ": informer for "
                            + informer.getApiTypeClass().getSimpleName() + " did not sync within " + syncTimeout);
                }
                Thread.sleep(20);
            }
        }
    }

    private <T extends HasMetadata> void register(SharedIndexInformer<T> informer, EventSource<T> source) {
        sources.add(new Registration<>(informer, source));
        informer.addEventHandler(new ResourceEventHandler<T>() {
            @Override
            public void onAdd(T object) {
                enqueueAll(source, object);
            }

            @Override
            public void onUpdate(T before, T after) {
                enqueueAll(source, before);
                enqueueAll(source, after);
            }

            @Override
            public void onDelete(T object, boolean finalStateUnknown) {
                enqueueAll(source, object);
            }
        });
    }

    private <T extends HasMetadata> void enqueueAll(EventSource<T> source, T object) {
        WorkQueue<Request> current = queue;
        if (current == null || object == null) {
            return;
        }
        Iterable<Request> keys;
        try {
            keys = source.keys(object);
        } catch (RuntimeException e) {
            // One object the source cannot map (a null where Kubernetes has a value) must not stop the others.
            log.warn("Controller {}: could not derive keys from {} {}: {}", name, object.getKind(),
                    Informers.keyOf(object), e.toString(), e);
            return;
        }
        for (Request request : keys) {
            current.add(request);
            metrics.added();
        }
    }

    private void resyncAll(SharedIndexInformer<?> informer) {
        for (Registration<?> registration : sources) {
            if (registration.informer() == informer) {
                resync(registration);
            }
        }
    }

    private <T extends HasMetadata> void resync(Registration<T> registration) {
        for (T object : registration.informer().getStore().list()) {
            enqueueAll(registration.source(), object);
        }
    }

    private void work(WorkQueue<Request> workQueue) {
        while (!workQueue.isShuttingDown()) {
            Optional<Request> next;
            try {
                next = workQueue.poll(Duration.ofSeconds(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            next.ifPresent(request -> {
                try {
                    process(workQueue, request);
                } finally {
                    workQueue.done(request);
                }
            });
        }
    }

    private void process(WorkQueue<Request> workQueue, Request request) {
        long started = System.nanoTime();
        String outcome;
        try {
            Result result = reconciler.reconcile(request);
            workQueue.forget(request);
            Optional<Duration> again = result.requeueAfter();
            again.ifPresent(delay -> workQueue.addAfter(request, delay));
            outcome = again.isPresent() ? "requeue" : "success";
        } catch (TerminalReconcileException e) {
            workQueue.forget(request);
            log.error("Controller {} gave up on {}: {}", name, request, e.getMessage(), e);
            outcome = "terminal";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            workQueue.addRateLimited(request);
            outcome = "interrupted";
        } catch (Exception | StackOverflowError | LinkageError | AssertionError e) {
            // Errors a single object can cause fail its key only; a worker must outlive them.
            int retries = workQueue.retries(request);
            workQueue.addRateLimited(request);
            metrics.retried();
            // The first failures are often conflicts with a concurrent writer: not worth a stack trace.
            if (retries < 3) {
                log.info("Controller {} will retry {} (attempt {}): {}", name, request, retries + 1, e.toString());
            } else {
                log.warn("Controller {} will retry {} (attempt {})", name, request, retries + 1, e);
            }
            outcome = "error";
        }
        metrics.reconciled(outcome, Duration.ofNanos(System.nanoTime() - started));
    }

    /** Builds a controller; informers are registered with their event sources before it starts. */
    public static final class Builder {

        private final String name;
        private final Reconciler reconciler;
        private int workers = 2;
        private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
        private final List<Consumer<Controller>> registrations = new ArrayList<>();
        private RateLimiter<Request> rateLimiter;
        private MeterRegistry meterRegistry = new SimpleMeterRegistry();
        private Duration syncTimeout = Duration.ofMinutes(2);

        private Builder(String name, Reconciler reconciler) {
            this.name = name;
            this.reconciler = reconciler;
            this.rateLimiter = defaultRateLimiter(Clock.systemUTC());
        }

        /** Per-key back-off from 5 ms to 1000 s, and 10 retries/s (burst 100) overall, as client-go's default. */
        public static RateLimiter<Request> defaultRateLimiter(Clock clock) {
            return new MaxOfRateLimiter<>(
                    new ExponentialBackoffRateLimiter<>(Duration.ofMillis(5), Duration.ofSeconds(1000)),
                    new TokenBucketRateLimiter<>(10, 100, clock));
        }

        public Builder workers(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("a controller needs at least one worker");
            }
            this.workers = count;
            return this;
        }

        public Builder rateLimiter(RateLimiter<Request> limiter) {
            this.rateLimiter = limiter;
            return this;
        }

        public Builder meterRegistry(MeterRegistry registry) {
            this.meterRegistry = registry;
            return this;
        }

        public Builder syncTimeout(Duration timeout) {
            this.syncTimeout = timeout;
            return this;
        }

        /** Reconciles the keys {@code source} derives from every add, update and delete {@code informer} sees. */
        public <T extends HasMetadata> Builder watch(SharedIndexInformer<T> informer, EventSource<T> source) {
            if (!informers.contains(informer)) {
                informers.add(informer);
            }
            registrations.add(controller -> controller.register(informer, source));
            return this;
        }

        public Controller build() {
            return new Controller(this);
        }
    }
}
