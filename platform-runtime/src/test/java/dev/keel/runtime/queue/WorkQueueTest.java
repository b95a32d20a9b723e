package dev.keel.runtime.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkQueueTest {

    private final WorkQueue<String> queue = new WorkQueue<>("test",
            new ExponentialBackoffRateLimiter<>(Duration.ofMillis(50), Duration.ofSeconds(1)));

    @AfterEach
    void shutDown() {
        queue.shutDown();
    }

    @Test
    void aKeyAddedTwiceWaitsOnce() throws Exception {
        queue.add("a");
        queue.add("b");
        queue.add("a");
        assertThat(queue.depth()).isEqualTo(2);
        assertThat(next()).contains("a");
        assertThat(next()).contains("b");
        assertThat(queue.poll(Duration.ZERO)).isEmpty();
    }

    @Test
    void aKeyAddedWhileInFlightIsHandedOutAgainOnlyAfterDone() throws Exception {
        queue.add("a");
        String key = next().orElseThrow();
        queue.add("a");
        assertThat(queue.poll(Duration.ofMillis(20))).as("no second worker gets a key in flight").isEmpty();
        queue.done(key);
        assertThat(next()).contains("a");
    }

    @Test
    void aKeyDoneWithoutNewAddsIsNotRequeued() throws Exception {
        queue.add("a");
        queue.done(next().orElseThrow());
        assertThat(queue.poll(Duration.ofMillis(20))).isEmpty();
    }

    @Test
    void delayedKeysArriveAfterTheirDelayAndTheEarliestDelayWins() throws Exception {
        long start = System.nanoTime();
        queue.addAfter("a", Duration.ofSeconds(30));
        queue.addAfter("a", Duration.ofMillis(100));
        assertThat(queue.delayedCount()).isEqualTo(1);
        assertThat(queue.poll(Duration.ofSeconds(5))).contains("a");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
        assertThat(queue.delayedCount()).isZero();
    }

    @Test
    void rateLimitedAddsBackOffUntilForgotten() throws Exception {
        queue.addRateLimited("a");
        queue.addRateLimited("a");
        assertThat(queue.retries("a")).isEqualTo(2);
        assertThat(queue.poll(Duration.ofSeconds(5))).contains("a");
        queue.forget("a");
        assertThat(queue.retries("a")).isZero();
    }

    @Test
    void shutDownReleasesWaitingWorkersAndIgnoresLaterAdds() throws Exception {
        Thread waiter = new Thread(() -> {
            try {
                assertThat(queue.poll(Duration.ofMinutes(1))).isEmpty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        waiter.start();
        queue.shutDown();
        waiter.join(5_000);
        assertThat(waiter.isAlive()).isFalse();
        queue.add("a");
        assertThat(queue.depth()).isZero();
    }

    private Optional<String> next() throws InterruptedException {
        return queue.poll(Duration.ofSeconds(1));
    }
}
