package dev.keel.node.probe;

import dev.keel.runtime.events.EventRecorder;
import dev.keel.runtime.reconcile.Request;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the liveness, readiness and startup probes of the node's running containers, one worker per container
 * instance on a shared scheduler, and asks for a pod sync whenever a result changes. Every failed run is an
 * "Unhealthy" Warning Event on the pod, as the kubelet records it.
 */
public class ProbeManager implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProbeManager.class);

    private final Prober prober;
    private final EventRecorder events;
    private final Consumer<Request> onChange;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final Map<String, ContainerProbes> byContainer = new ConcurrentHashMap<>();

    public ProbeManager(Prober prober, EventRecorder events, Consumer<Request> onChange, Clock clock, int threads,
        String nodeName) {
        this.prober = prober;
        this.events = events;
        this.onChange = onChange;
        this.clock = clock;
        this.scheduler = Executors.newScheduledThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "probes-" + nodeName);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Probes the running instance {@code containerId} of the container (started at {@code started}) from now on,
     * replacing the probes of an earlier instance; answers what they say so far.
     */
    public ContainerHealth track(Pod pod, Container container, String containerId, Instant started, String podIp) {
        String key = key(pod.getMetadata().getUid(), container.getName());
        ContainerProbes current = byContainer.get(key);
        if (current != null && current.containerId.equals(containerId)) {
            return current.health();
        }
        untrack(pod.getMetadata().getUid(), container.getName());
        ContainerProbes probes = new ContainerProbes(pod, container, containerId, podIp, started);
        if (!probes.hasProbes()) {
            return ContainerHealth.NO_PROBES;
        }
        byContainer.put(key, probes);
        scheduleNext(probes);
        return probes.health();
    }

    /** Stops probing the container (it is not running any more). */
    public void untrack(String podUid, String containerName) {
        ContainerProbes removed = byContainer.remove(key(podUid, containerName));
        if (removed != null) {
            removed.stop();
        }
    }

    /** Stops probing every container of the pod. */
    public void forget(String podUid) {
        byContainer.keySet().stream().filter(key -> key.startsWith(podUid + "/")).toList()
            .forEach(key -> untrack(podUid, key.substring(podUid.length() + 1)));
    }

    private void scheduleNext(ContainerProbes probes) {
        Instant next = probes.nextRun();
        if (next == null) {
            return;
        }
        long delay = Math.max(0, Duration.between(clock.instant(), next).toMillis());
        try {
            probes.schedule(scheduler.schedule(() -> runDue(probes), delay, TimeUnit.MILLISECONDS));
        } catch (RejectedExecutionException closing) {
            probes.stop();
        }
    }

    private void runDue(ContainerProbes probes) {
        try {
            ProbeState state = probes.due(clock.instant());
            if (state != null && !probes.stopped()) {
                ProbeOutcome outcome = prober.run(state.kind().of(probes.container), probes.container,
                    probes.containerId, probes.podIp, state.timeout());
                Instant now = clock.instant();
                boolean changed = probes.record(state, outcome, now);
                if (!outcome.success() && !probes.stopped()) {
                    String message = state.kind().title() + " probe failed: " + outcome.message();
                    log.info("Pod {}/{} container {}: {}", probes.pod.getMetadata().getNamespace(),
                        probes.pod.getMetadata().getName(), probes.container.getName(), message);
                    events.warning(probes.pod, "Unhealthy", message);
                }
                if (changed && !probes.stopped()) {
                    onChange.accept(Request.of(probes.pod));
                }
            }
        } catch (RuntimeException e) {
            log.warn("Pod {}/{} container {}: probing failed: {}", probes.pod.getMetadata().getNamespace(),
                probes.pod.getMetadata().getName(), probes.container.getName(), e.toString(), e);
        }
        scheduleNext(probes);
    }

    private static String key(String podUid, String containerName) {
        return podUid + "/" + containerName;
    }

    @Override
    public void close() {
        byContainer.values().forEach(ContainerProbes::stop);
        byContainer.clear();
        scheduler.shutdownNow();
    }
}
