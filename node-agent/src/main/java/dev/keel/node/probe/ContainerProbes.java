package dev.keel.node.probe;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;

/** The probes of one container instance and the worker's schedule; the states are read and written under its lock. */
final class ContainerProbes {

    final Pod pod;
    final Container container;
    final String containerId;
    final String podIp;
    private final Map<ProbeKind, ProbeState> states = new EnumMap<>(ProbeKind.class);
    private ScheduledFuture<?> next;
    private boolean stopped;

    ContainerProbes(Pod pod, Container container, String containerId, String podIp, Instant started) {
        this.pod = pod;
        this.container = container;
        this.containerId = containerId;
        this.podIp = podIp;
        for (ProbeKind kind : ProbeKind.values()) {
            if (kind.of(container) != null) {
                states.put(kind, new ProbeState(kind, kind.of(container), started));
            }
        }
    }

    boolean hasProbes() {
        return !states.isEmpty();
    }

    /** The probe to run now, or null: liveness and readiness wait until a startup probe passed. */
    synchronized ProbeState due(Instant now) {
        ProbeState startup = states.get(ProbeKind.STARTUP);
        if (startup != null && !startup.success()) {
            return startup.due(now) ? startup : null;
        }
        for (ProbeKind kind : new ProbeKind[] {ProbeKind.LIVENESS, ProbeKind.READINESS}) {
            ProbeState state = states.get(kind);
            if (state != null && state.due(now)) {
                return state;
            }
        }
        return null;
    }

    /** The earliest next run among the probes that may run, or null when none will. */
    synchronized Instant nextRun() {
        ProbeState startup = states.get(ProbeKind.STARTUP);
        if (startup != null && !startup.success()) {
            return startup.nextRun();
        }
        Instant earliest = null;
        for (ProbeKind kind : new ProbeKind[] {ProbeKind.LIVENESS, ProbeKind.READINESS}) {
            ProbeState state = states.get(kind);
            Instant run = state == null ? null : state.nextRun();
            if (run != null && (earliest == null || run.isBefore(earliest))) {
                earliest = run;
            }
        }
        return earliest;
    }

    synchronized boolean record(ProbeState state, ProbeOutcome outcome, Instant now) {
        return state.record(outcome, now);
    }

    synchronized ContainerHealth health() {
        ProbeState startup = states.get(ProbeKind.STARTUP);
        ProbeState liveness = states.get(ProbeKind.LIVENESS);
        ProbeState readiness = states.get(ProbeKind.READINESS);
        boolean started = startup == null || startup.success();
        boolean ready = started && (readiness == null || readiness.success());
        String kill = startup != null && startup.failedForGood() ? "startup"
            : liveness != null && liveness.failedForGood() ? "liveness" : null;
        return new ContainerHealth(started, ready, kill);
    }

    /** Keeps the handle of the next run unless stopped; answers false when stopped. */
    synchronized boolean schedule(ScheduledFuture<?> future) {
        if (stopped) {
            future.cancel(false);
            return false;
        }
        next = future;
        return true;
    }

    synchronized boolean stopped() {
        return stopped;
    }

    synchronized void stop() {
        stopped = true;
        if (next != null) {
            next.cancel(false);
        }
    }
}
