package dev.keel.node.logrotation;

import dev.keel.node.cri.v1.Container;
import dev.keel.node.cri.v1.ContainerFilter;
import dev.keel.node.cri.v1.ContainerState;
import dev.keel.node.cri.v1.ContainerStateValue;
import dev.keel.node.cri.v1.ContainerStatus;
import dev.keel.node.pod.PodLabels;
import dev.keel.node.runtime.ContainerRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kubelet's container log manager: every monitor interval it looks at each running container's live log file
 * (the path the runtime reports), asks the runtime to reopen a file that is missing, and rotates one that reached the
 * maximum size ({@link ContainerLogRotator}). Exited containers are left alone: they write nothing more.
 */
public class ContainerLogManager implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ContainerLogManager.class);

    private final ContainerRuntime runtime;
    private final LogRotationPolicy policy;
    private final ContainerLogRotator rotator;
    private final Duration interval;
    private ScheduledExecutorService scheduler;

    public ContainerLogManager(ContainerRuntime runtime, LogRotationPolicy policy, ContainerLogRotator rotator,
        Duration interval) {
        this.runtime = runtime;
        this.policy = policy;
        this.rotator = rotator;
        this.interval = interval;
    }

    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        if (!policy.enabled()) {
            log.info("Container log rotation is off (keel.node.container-log-max-size is negative, or the runtime is "
                + "simulated and writes no logs)");
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "container-log-manager");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::checkAllSafely, interval.toMillis(), interval.toMillis(),
            TimeUnit.MILLISECONDS);
        log.info("Container log rotation every {}: at {} bytes, {} files per container", interval, policy.maxSize(),
            policy.maxFiles());
    }

    private void checkAllSafely() {
        try {
            checkAll();
        } catch (RuntimeException e) {
            // The next round tries again; a runtime that is down is reported by the node's Ready condition.
            log.warn("Container log rotation: cannot list the running containers: {}", e.toString(), e);
        }
    }

    /** One round over the running containers; a container that fails is logged and the others still go. */
    public void checkAll() {
        for (Container container : runtime.listContainers(ContainerFilter.newBuilder()
            .setState(ContainerStateValue.newBuilder().setState(ContainerState.CONTAINER_RUNNING)).build())) {
            String name = describe(container);
            try {
                check(container.getId(), name);
            } catch (LogRotationException e) {
                log.warn("{}", e.getMessage(), e);
            } catch (RuntimeException e) {
                log.warn("Container log rotation of {}: {}", name, e.toString(), e);
            }
        }
    }

    /** Looks at one running container's live log file: reopens it when missing, rotates it when too big. */
    void check(String containerId, String name) throws LogRotationException {
        ContainerStatus status = runtime.containerStatus(containerId);
        if (status.getLogPath().isEmpty()) {
            return;
        }
        Path path = Path.of(status.getLogPath());
        long size;
        try {
            size = Files.size(path);
        } catch (NoSuchFileException missing) {
            // Renamed away by a rotation the agent did not finish (it stopped between rename and reopen).
            try {
                runtime.reopenContainerLog(containerId);
                size = Files.size(path);
            } catch (RuntimeException | IOException e) {
                throw new LogRotationException("rotating the log of " + name + ": " + path
                    + " is missing and reopening it failed: " + e.getMessage(), e);
            }
        } catch (IOException e) {
            throw new LogRotationException("rotating the log of " + name + ": cannot read the size of " + path
                + ": " + e.getMessage(), e);
        }
        if (!policy.due(size)) {
            return;
        }
        Path rotated = rotator.rotate(containerId, name, path);
        if (rotated != null) {
            log.debug("Rotated the log of {}: {} bytes to {}", name, size, rotated);
        }
    }

    /** "container NAME of pod NS/POD (ID)", from the labels the agent set. */
    private static String describe(Container container) {
        Map<String, String> labels = container.getLabelsMap();
        return "container " + labels.getOrDefault(PodLabels.CONTAINER_NAME, container.getMetadata().getName())
            + " of pod " + labels.getOrDefault(PodLabels.POD_NAMESPACE, "?") + "/"
            + labels.getOrDefault(PodLabels.POD_NAME, "?") + " (" + container.getId() + ")";
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }
}
