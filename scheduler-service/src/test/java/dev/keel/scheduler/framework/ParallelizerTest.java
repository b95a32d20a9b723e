package dev.keel.scheduler.framework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
}
