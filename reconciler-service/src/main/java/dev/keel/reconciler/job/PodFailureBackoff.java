package dev.keel.reconciler.job;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * How long a job waits before it replaces failed pods: {@code base * 2^(n-1)}, capped at {@code max}, after the
 * latest failure, where n counts the failures since the last success. Read from the finished pods themselves, so a
 * restarted controller waits the same.
 */
public final class PodFailureBackoff {

    private final Duration base;
    private final Duration max;

    public PodFailureBackoff(Duration base, Duration max) {
        this.base = base;
        this.max = max;
    }

    /** The time left before a replacement may be created; empty if none is needed. */
    public Optional<Duration> remaining(List<Pod> pods, Instant now) {
        List<Finished> finished = pods.stream()
                .filter(pod -> JobPodTracking.succeeded(pod) || JobPodTracking.failed(pod))
                .map(pod -> new Finished(JobPodTracking.succeeded(pod), finishedAt(pod)))
                .sorted(Comparator.comparing(Finished::at))
                .toList();
        int failures = 0;
        Instant lastFailure = null;
        for (Finished pod : finished) {
            if (pod.succeeded()) {
                failures = 0;
                lastFailure = null;
            } else {
                failures++;
                lastFailure = pod.at();
            }
        }
        if (failures == 0) {
            return Optional.empty();
        }
        Duration wait = delay(failures);
        Duration left = Duration.between(now, lastFailure.plus(wait));
        return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
    }

    Duration delay(int failures) {
        Duration wait = base;
        for (int i = 1; i < failures && wait.compareTo(max) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(max) > 0 ? max : wait;
    }

    /** When the pod's last container stopped; a pod deleted while running failed when it was deleted. */
    static Instant finishedAt(Pod pod) {
        List<ContainerStatus> containers = pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
                ? List.of() : pod.getStatus().getContainerStatuses();
        Optional<Instant> stopped = containers.stream()
                .flatMap(container -> container.getState() == null || container.getState().getTerminated() == null
                        || container.getState().getTerminated().getFinishedAt() == null
                        ? Stream.empty() : Stream.of(Instant.parse(container.getState().getTerminated().getFinishedAt())))
                .max(Comparator.naturalOrder());
        if (stopped.isPresent()) {
            return stopped.get();
        }
        String deleted = pod.getMetadata().getDeletionTimestamp();
        if (deleted == null) {
            return Instant.parse(pod.getMetadata().getCreationTimestamp());
        }
        // The deletion timestamp lies a grace period ahead of the delete itself.
        long grace = pod.getMetadata().getDeletionGracePeriodSeconds() == null ? 0 : pod.getMetadata().getDeletionGracePeriodSeconds();
        return Instant.parse(deleted).minusSeconds(grace);
    }

    private record Finished(boolean succeeded, Instant at) {
    }
}
