package dev.keel.node.probe;

import io.fabric8.kubernetes.api.model.Probe;
import java.time.Duration;
import java.time.Instant;

/**
 * One probe of one container instance, as the kubelet's probe worker counts it: the result keeps its initial value
 * until initialDelaySeconds after the container started, then flips to success after successThreshold consecutive
 * passes and to failure after failureThreshold consecutive failures. A liveness or startup probe that reached its
 * failure threshold holds (no more runs) until the container is replaced, and so does a startup probe that passed.
 * Not thread-safe: one worker owns it.
 */
public final class ProbeState {

    private final ProbeKind kind;
    private final Instant containerStarted;
    private final Duration initialDelay;
    private final Duration period;
    private final Duration timeout;
    private final int successThreshold;
    private final int failureThreshold;

    private boolean success;
    private int successes;
    private int failures;
    private boolean onHold;
    private Instant nextRun;

    public ProbeState(ProbeKind kind, Probe probe, Instant containerStarted) {
        this.kind = kind;
        this.containerStarted = containerStarted;
        this.initialDelay = Duration.ofSeconds(orDefault(probe.getInitialDelaySeconds(), 0));
        this.period = Duration.ofSeconds(Math.max(1, orDefault(probe.getPeriodSeconds(), 10)));
        this.timeout = Duration.ofSeconds(Math.max(1, orDefault(probe.getTimeoutSeconds(), 1)));
        // Liveness and startup probes must use 1, as the API validates; clamp anyway.
        int successes = Math.max(1, orDefault(probe.getSuccessThreshold(), 1));
        this.successThreshold = kind == ProbeKind.READINESS ? successes : 1;
        this.failureThreshold = Math.max(1, orDefault(probe.getFailureThreshold(), 3));
        this.success = kind.initialSuccess();
        this.nextRun = containerStarted.plus(initialDelay);
    }

    public ProbeKind kind() {
        return kind;
    }

    public boolean success() {
        return success;
    }

    /** True once a liveness or startup probe failed for good: the container is to be killed. */
    public boolean failedForGood() {
        return onHold && !success;
    }

    public Duration timeout() {
        return timeout;
    }

    /** When the probe should run next; null when it holds. */
    public Instant nextRun() {
        return onHold ? null : nextRun;
    }

    public boolean due(Instant now) {
        return !onHold && !now.isBefore(nextRun);
    }

    /** Counts one run that ended at {@code now}; answers whether the result changed. */
    public boolean record(ProbeOutcome outcome, Instant now) {
        nextRun = now.plus(period);
        if (now.isBefore(containerStarted.plus(initialDelay))) {
            return false;
        }
        if (outcome.success()) {
            failures = 0;
            successes++;
        } else {
            successes = 0;
            failures++;
        }
        boolean before = success;
        boolean heldBefore = onHold;
        if (outcome.success() && successes >= successThreshold) {
            success = true;
            // A startup probe has done its job once it passed.
            onHold = kind == ProbeKind.STARTUP;
        } else if (!outcome.success() && failures >= failureThreshold) {
            success = false;
            onHold = kind != ProbeKind.READINESS;
        }
        return before != success || heldBefore != onHold;
    }

    private static int orDefault(Integer value, int fallback) {
        return value == null ? fallback : value;
    }
}
