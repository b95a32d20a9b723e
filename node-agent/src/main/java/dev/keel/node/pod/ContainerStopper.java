package dev.keel.node.pod;

import dev.keel.node.probe.ProbeOutcome;
import dev.keel.node.probe.Prober;
import dev.keel.node.runtime.ContainerRuntime;
import dev.keel.runtime.events.EventRecorder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops a container as the kubelet kills one: its preStop hook (exec or HTTP GET) runs first, for at most the grace
 * period; then the runtime sends TERM and, once what is left of the grace period (at least two seconds) has passed,
 * KILL. A failed hook is a FailedPreStopHook event and does not hold the stop up.
 */
public class ContainerStopper {

    private static final Logger log = LoggerFactory.getLogger(ContainerStopper.class);
    /** The kubelet leaves a container at least this long between TERM and KILL after a preStop hook. */
    private static final Duration MINIMUM_GRACE_AFTER_HOOK = Duration.ofSeconds(2);

    private final ContainerRuntime runtime;
    private final Prober prober;
    private final EventRecorder events;
    private final Clock clock;

    public ContainerStopper(ContainerRuntime runtime, Prober prober, EventRecorder events, Clock clock) {
        this.runtime = runtime;
        this.prober = prober;
        this.events = events;
        this.clock = clock;
    }

    /** Stops the running instance {@code containerId} of {@code container} (null when the spec is gone: no hook). */
    public void stop(Pod pod, Container container, String containerId, String podIp, Duration grace) {
        LifecycleHandler preStop = container == null || container.getLifecycle() == null ? null
            : container.getLifecycle().getPreStop();
        Duration left = grace;
        if (preStop != null) {
            Instant started = clock.instant();
            ProbeOutcome outcome = runHook(preStop, container, containerId, podIp, grace);
            if (!outcome.success()) {
                String message = "PreStopHook failed: " + outcome.message();
                log.warn("Pod {}/{} container {}: {}", pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
                    container.getName(), message);
                events.warning(pod, "FailedPreStopHook", message);
            }
            left = grace.minus(Duration.between(started, clock.instant()));
            if (left.compareTo(MINIMUM_GRACE_AFTER_HOOK) < 0) {
                left = MINIMUM_GRACE_AFTER_HOOK;
            }
        }
        runtime.stopContainer(containerId, left);
    }

    private ProbeOutcome runHook(LifecycleHandler hook, Container container, String containerId, String podIp,
        Duration timeout) {
        if (hook.getExec() != null) {
            return prober.exec(hook.getExec().getCommand(), containerId, timeout);
        }
        if (hook.getHttpGet() != null) {
            return prober.httpGet(hook.getHttpGet(), container, podIp, timeout);
        }
        if (hook.getSleep() != null) {
            sleep(Duration.ofSeconds(hook.getSleep().getSeconds()).compareTo(timeout) < 0
                ? Duration.ofSeconds(hook.getSleep().getSeconds()) : timeout);
            return ProbeOutcome.passed();
        }
        return ProbeOutcome.failed("hook has no handler (exec, httpGet or sleep)");
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
