package dev.keel.runtime.reconcile;

import java.time.Duration;
import java.util.Optional;

/**
 * What a reconcile pass asks for next: nothing (the state matches until something changes), or another look after a
 * delay (e.g. to check a deadline). Failures are exceptions: retried with back-off, or not at all if terminal.
 */
public final class Result {

    private static final Result DONE = new Result(null);

    private final Duration requeueAfter;

    private Result(Duration requeueAfter) {
        this.requeueAfter = requeueAfter;
    }

    public static Result done() {
        return DONE;
    }

    public static Result requeueAfter(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("negative requeue delay " + delay);
        }
        return new Result(delay);
    }

    /** The earlier of two requests to look again; done only if both are done. */
    public Result or(Result other) {
        if (requeueAfter == null) {
            return other;
        }
        if (other.requeueAfter == null || requeueAfter.compareTo(other.requeueAfter) <= 0) {
            return this;
        }
        return other;
    }

    public Optional<Duration> requeueAfter() {
        return Optional.ofNullable(requeueAfter);
    }

    @Override
    public String toString() {
        return requeueAfter == null ? "done" : "requeue after " + requeueAfter;
    }
}
