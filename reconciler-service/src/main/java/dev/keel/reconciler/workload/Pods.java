package dev.keel.reconciler.workload;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/** Facts about pods that controllers share: active, ready, available. */
public final class Pods {

    private Pods() {
    }

    /** Not finished and not being deleted: counts toward a workload's replicas. */
    public static boolean isActive(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return !"Succeeded".equals(phase) && !"Failed".equals(phase) && pod.getMetadata().getDeletionTimestamp() == null;
    }

    public static boolean isReady(Pod pod) {
        return readyCondition(pod).map(condition -> "True".equals(condition.getStatus())).orElse(false);
    }

    /** Ready for at least {@code minReadySeconds} at {@code now}. */
    public static boolean isAvailable(Pod pod, int minReadySeconds, Instant now) {
        if (!isReady(pod)) {
            return false;
        }
        if (minReadySeconds <= 0) {
            return true;
        }
        return readySince(pod).map(since -> !since.plusSeconds(minReadySeconds).isAfter(now)).orElse(false);
    }

    /** How long until a ready pod becomes available, if it is not yet. */
    public static Optional<Duration> untilAvailable(Pod pod, int minReadySeconds, Instant now) {
        if (!isReady(pod) || minReadySeconds <= 0) {
            return Optional.empty();
        }
        return readySince(pod)
                .map(since -> Duration.between(now, since.plusSeconds(minReadySeconds)))
                .filter(wait -> wait.compareTo(Duration.ZERO) > 0);
    }

    public static Optional<Instant> readySince(Pod pod) {
        return readyCondition(pod)
                .map(PodCondition::getLastTransitionTime)
                .filter(time -> time != null && !time.isEmpty())
                .map(Instant::parse);
    }

    /** Restarts of all the pod's containers, init containers included. */
    public static int restarts(Pod pod) {
        if (pod.getStatus() == null) {
            return 0;
        }
        return Stream.of(pod.getStatus().getInitContainerStatuses(), pod.getStatus().getContainerStatuses())
                .filter(Objects::nonNull)
                .flatMap(List::stream)
                .mapToInt(status -> status.getRestartCount() == null ? 0 : status.getRestartCount()).sum();
    }

    private static Optional<PodCondition> readyCondition(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return pod.getStatus().getConditions().stream().filter(condition -> "Ready".equals(condition.getType())).findFirst();
    }
}
