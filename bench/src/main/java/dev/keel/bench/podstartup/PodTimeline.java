package dev.keel.bench.podstartup;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;

/**
 * When one pod passed each stage, in {@link System#nanoTime()} of this JVM: created (just before the create call),
 * then the first time the watch showed it bound to a node, with all containers started, and Ready.
 */
final class PodTimeline {

    private final long created;
    private volatile long scheduled;
    private volatile long started;
    private volatile long ready;
    private volatile String node;

    PodTimeline(long created) {
        this.created = created;
    }

    /** Records what a watch event shows, at {@code now}; the first sighting of each stage counts. */
    synchronized void observe(Pod pod, long now) {
        if (scheduled == 0 && pod.getSpec().getNodeName() != null) {
            scheduled = now;
            node = pod.getSpec().getNodeName();
        }
        if (started == 0 && allContainersStarted(pod)) {
            started = now;
        }
        if (ready == 0 && pod.getStatus() != null && pod.getStatus().getConditions() != null
                && pod.getStatus().getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()))) {
            ready = now;
        }
    }

    /** Kubernetes' SLI: every container reported started (running now, or already ran and ended). */
    private static boolean allContainersStarted(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return false;
        }
        List<ContainerStatus> statuses = pod.getStatus().getContainerStatuses();
        return statuses.size() == pod.getSpec().getContainers().size()
                && statuses.stream().allMatch(s -> s.getState() != null
                        && (s.getState().getRunning() != null || s.getState().getTerminated() != null));
    }

    boolean isReady() {
        return ready != 0;
    }

    String node() {
        return node;
    }

    /** Nanoseconds from creation to the stage, or -1 when it was never seen. */
    long toScheduled() {
        return since(scheduled);
    }

    long toStarted() {
        return since(started);
    }

    long toReady() {
        return since(ready);
    }

    private long since(long stage) {
        return stage == 0 ? -1 : stage - created;
    }
}
