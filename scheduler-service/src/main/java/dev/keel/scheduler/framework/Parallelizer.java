package dev.keel.scheduler.framework;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Runs a loop over many nodes in contiguous chunks on a small pool and the calling thread, as kube-scheduler's
 * parallelizer does for filter and score. Each index is run exactly once; callers write results by index, so the
 * outcome is the same as a sequential loop.
 */
public final class Parallelizer implements AutoCloseable {

    /** Runs every loop on the calling thread. */
    public static final Parallelizer SEQUENTIAL = new Parallelizer(null, 1, Integer.MAX_VALUE);

    /** Below this many indexes per chunk, handing work to another thread costs more than it saves. */
    static final int MIN_CHUNK = 32;

    private final ExecutorService pool;
    private final int parallelism;
    private final int minPieces;

    /**
     * @param pool        threads besides the caller's (at least {@code parallelism - 1})
     * @param parallelism threads a loop runs on at most, the caller's included
     * @param minPieces   the fewest nodes for which {@link #isParallel} says yes
     */
    public Parallelizer(ExecutorService pool, int parallelism, int minPieces) {
        this.pool = pool;
        this.parallelism = Math.max(1, parallelism);
        this.minPieces = minPieces;
    }

    /** A parallelizer with a pool of its own of {@code parallelism - 1} daemon threads (none for 1), stopped by {@link #close}. */
    public static Parallelizer withThreads(int parallelism, int minPieces, String threadName) {
        if (parallelism <= 1) {
            return new Parallelizer(null, 1, minPieces);
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(parallelism - 1, runnable -> {
            Thread thread = new Thread(runnable, threadName + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        return new Parallelizer(pool, parallelism, minPieces);
    }

    /** Whether work over this many nodes is worth spreading over threads (there are threads, and enough nodes). */
    public boolean isParallel(int nodes) {
        return pool != null && nodes >= minPieces;
    }

    /**
     * Calls {@code work} for each index in [0, pieces) and returns when all calls are done: in chunks of at least
     * {@link #MIN_CHUNK} on the pool and the calling thread if there is a pool, else on the calling thread.
     */
    public void forEach(int pieces, IntConsumer work) {
        int chunks = pool == null ? 1 : Math.min(parallelism, pieces / MIN_CHUNK);
        if (chunks <= 1) {
            for (int i = 0; i < pieces; i++) {
                work.accept(i);
            }
            return;
        }
        int size = (pieces + chunks - 1) / chunks;
        List<Future<?>> others = new ArrayList<>(chunks - 1);
        for (int from = size; from < pieces; from += size) {
            int start = from;
            int end = Math.min(pieces, from + size);
            others.add(pool.submit(() -> {
                for (int i = start; i < end; i++) {
                    work.accept(i);
                }
            }));
        }
        for (int i = 0; i < size; i++) {
            work.accept(i);
        }
        await(others);
    }

    /**
     * Stops the pool once the chunks already handed to it have run: a loop still running then completes rather than
     * waiting on chunks that would never start.
     */
    @Override
    public void close() {
        if (pool != null) {
            pool.shutdown();
        }
    }

    private static void await(List<Future<?>> futures) {
        boolean interrupted = false;
        RuntimeException failure = null;
        for (Future<?> future : futures) {
            while (true) {
                try {
                    future.get();
                    break;
                } catch (InterruptedException e) {
                    // The chunks read the caller's cycle state: they must finish before the caller goes on.
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                    }
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw failure;
        }
    }
}
