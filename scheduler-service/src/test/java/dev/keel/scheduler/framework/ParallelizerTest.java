package dev.keel.scheduler.framework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ParallelizerTest {

    @Test
    void everyIndexRunsExactlyOnce() {
        try (Parallelizer parallelizer = Parallelizer.withThreads(4, 100, "test")) {
            AtomicIntegerArray runs = new AtomicIntegerArray(1_001);

            parallelizer.forEach(1_001, runs::incrementAndGet);

            for (int i = 0; i < runs.length(); i++) {
                assertThat(runs.get(i)).as("index %d", i).isEqualTo(1);
            }
        }
    }

    @Test
    void aLongLoopRunsOnSeveralThreadsAndAShortOneOnTheCallersOnly() {
        try (Parallelizer parallelizer = Parallelizer.withThreads(3, 500, "test")) {
            Set<String> longLoop = ConcurrentHashMap.newKeySet();
            Set<String> shortLoop = ConcurrentHashMap.newKeySet();

            parallelizer.forEach(3_000, i -> longLoop.add(Thread.currentThread().getName()));
            parallelizer.forEach(Parallelizer.MIN_CHUNK, i -> shortLoop.add(Thread.currentThread().getName()));

            assertThat(longLoop).hasSize(3).contains(Thread.currentThread().getName());
            assertThat(shortLoop).containsExactly(Thread.currentThread().getName());
        }
    }

    @Test
    void onlyClustersOfTheGivenSizeAreWorthThreads() {
        try (Parallelizer parallelizer = Parallelizer.withThreads(3, 500, "test")) {
            assertThat(parallelizer.isParallel(500)).isTrue();
            assertThat(parallelizer.isParallel(499)).isFalse();
        }
    }

    @Test
    void aFailureInAnyChunkReachesTheCaller() {
        try (Parallelizer parallelizer = Parallelizer.withThreads(2, 10, "test")) {
            assertThatThrownBy(() -> parallelizer.forEach(1_000, i -> {
                if (i == 900) {
                    throw new IllegalStateException("node 900");
                }
            })).isInstanceOf(IllegalStateException.class).hasMessage("node 900");
        }
    }

    @Test
    void aParallelismOfOneHasNoThreads() {
        try (Parallelizer parallelizer = Parallelizer.withThreads(1, 10, "test")) {
            assertThat(parallelizer.isParallel(100_000)).isFalse();
        }
    }

    @Test
    void aLoopRunningWhenThePoolClosesStillCompletes() throws Exception {
        // One pool thread for two handed-off chunks: the second waits in the queue while the first is held.
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Parallelizer parallelizer = new Parallelizer(pool, 3, 0);
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch handedOff = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicIntegerArray runs = new AtomicIntegerArray(3 * Parallelizer.MIN_CHUNK);
        Thread caller = new Thread(() -> parallelizer.forEach(runs.length(), i -> {
            if (i == 0) {
                // The caller's own chunk runs after both others were handed to the pool.
                handedOff.countDown();
            }
            if (i == Parallelizer.MIN_CHUNK) {
                held.countDown();
                awaitUninterruptibly(release);
            }
            runs.incrementAndGet(i);
        }));
        caller.start();
        assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(handedOff.await(10, TimeUnit.SECONDS)).isTrue();

        parallelizer.close();
        release.countDown();
        caller.join(10_000);

        assertThat(caller.isAlive()).as("the loop finished").isFalse();
        for (int i = 0; i < runs.length(); i++) {
            assertThat(runs.get(i)).as("index %d", i).isEqualTo(1);
        }
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        while (true) {
            try {
                latch.await();
                return;
            } catch (InterruptedException e) {
                // keep waiting: the test decides when the chunk goes on
            }
        }
    }
}
