package dev.keel.bench;

/**
 * The one clock of the benchmark: {@link System#nanoTime()} of this JVM, shifted so that it is positive and fits
 * the 19 digits that watch objects carry. Writers and watchers live in this same process, so a send time
 * embedded in an object and read back on arrival is comparable without any clock synchronisation.
 */
final class Nanos {

    private static final long ORIGIN = System.nanoTime() - 1;

    private Nanos() {
    }

    static long now() {
        return System.nanoTime() - ORIGIN;
    }

    static void sleepUntil(long deadline) throws InterruptedException {
        long left;
        while ((left = deadline - now()) > 0) {
            java.util.concurrent.locks.LockSupport.parkNanos(left);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }
}
