package dev.keel.e2e;

import java.time.Duration;
import java.util.function.Supplier;

/** Waits for a state of the cluster, asking again every half second: the cluster converges, it does not jump. */
final class Poll {

    private Poll() {
    }

    /** The first non-null (for booleans: true) answer of {@code check}; fails after {@code limit} naming {@code what}. */
    static <T> T until(Duration limit, String what, Supplier<T> check) {
        long deadline = System.nanoTime() + limit.toNanos();
        RuntimeException lastError = null;
        while (true) {
            try {
                T answer = check.get();
                if (answer != null && !Boolean.FALSE.equals(answer)) {
                    return answer;
                }
            } catch (RuntimeException e) {
                lastError = e;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + limit.toSeconds() + " s for: " + what, lastError);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for: " + what, e);
            }
        }
    }
}
