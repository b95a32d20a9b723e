package dev.keel.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs an operation in a closed loop: C workers, each issuing one operation at a time, as fast as answers come,
 * for a fixed time (and at most a fixed number of operations). Latency is each operation's own time; as in any
 * closed loop, a slow answer delays the next request instead of queueing behind it.
 */
final class ClosedLoop implements AutoCloseable {

    /** One operation; a thrown exception counts as an error. */
    interface Op {
        void run() throws Exception;
    }

    private final ExecutorService workers = Executors.newCachedThreadPool(Threads.daemon("bench-worker"));
    private final CpuSampler cpu;
    private final long maxOpsPerRound;

    ClosedLoop(CpuSampler cpu, long maxOpsPerRound) {
        this.cpu = cpu;
        this.maxOpsPerRound = maxOpsPerRound;
    }

    CpuSampler cpu() {
        return cpu;
    }

    Round run(Op op, int concurrency, long durationNanos) throws InterruptedException {
        LatencyRecorder latency = new LatencyRecorder();
        AtomicLong issued = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        CountDownLatch ready = new CountDownLatch(concurrency);
        CountDownLatch go = new CountDownLatch(1);
        long[] deadline = new long[1];
        List<Future<?>> running = new ArrayList<>(concurrency);
        for (int w = 0; w < concurrency; w++) {
            running.add(workers.submit(() -> {
                ready.countDown();
                go.await();
                long end = deadline[0];
                while (Nanos.now() < end && issued.incrementAndGet() <= maxOpsPerRound) {
                    long start = System.nanoTime();
                    try {
                        op.run();
                        latency.recordNanos(System.nanoTime() - start);
                    } catch (InterruptedException e) {
                        throw e;
                    } catch (Exception e) {
                        errors.incrementAndGet();
                        firstError.compareAndSet(null, e.toString());
                    }
                }
                return null;
            }));
        }
        ready.await();
        CpuSampler.Sample before = cpu.sample();
        long start = Nanos.now();
        deadline[0] = start + durationNanos;
        go.countDown();
        for (Future<?> worker : running) {
            try {
                worker.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("benchmark worker failed", e.getCause());
            }
        }
        long end = Nanos.now();
        CpuSampler.Sample after = cpu.sample();
        var histogram = latency.take();
        return new Round(histogram.getTotalCount(), (end - start) / 1e9, histogram, errors.get(), 0,
                cpu.coresBetween(before, after), firstError.get());
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
