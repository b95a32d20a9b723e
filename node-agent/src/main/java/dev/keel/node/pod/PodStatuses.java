package dev.keel.node.pod;

import dev.keel.node.cri.v1.ContainerState;
import dev.keel.node.cri.v1.ContainerStatus;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Computes a pod's status from what the runtime reports: container states, restart counts and last states, the
 * phase by the kubelet's rules, the PodScheduled, Initialized, ContainersReady and Ready conditions, and the pod IP.
 * Condition transition times carry over from the current status while a condition keeps its value.
 */
public final class PodStatuses {

    /**
     * What the runtime holds for one container: its instances, newest first; why it waits, if it does; and whether
     * its newest instance counts as started and ready by its probes.
     */
    public record Observed(List<ContainerStatus> instances, Waiting waiting, boolean started, boolean ready) {
    }

    private PodStatuses() {
    }

    public static PodStatus build(Pod pod, String podIp, String hostIp, Map<String, Observed> observed, String runtimeName,
        Instant now) {
        PodStatus current = pod.getStatus() == null ? new PodStatus() : pod.getStatus();
        String restartPolicy = pod.getSpec().getRestartPolicy() == null ? "Always" : pod.getSpec().getRestartPolicy();
        List<Container> initContainers = pod.getSpec().getInitContainers() == null ? List.of()
            : pod.getSpec().getInitContainers();
        var initStatuses = initContainers.stream()
            .map(container -> status(container, observed.get(container.getName()), runtimeName)).toList();
        var statuses = pod.getSpec().getContainers().stream()
            .map(container -> status(container, observed.get(container.getName()), runtimeName)).toList();

        boolean initialized = initStatuses.stream().allMatch(status -> status.getState().getTerminated() != null
            && status.getState().getTerminated().getExitCode() == 0);
        boolean initFailed = initStatuses.stream().anyMatch(status -> status.getState().getTerminated() != null
            && status.getState().getTerminated().getExitCode() != 0) && "Never".equals(restartPolicy);
        boolean containersReady = initialized && statuses.stream().allMatch(status -> Boolean.TRUE.equals(status.getReady()));
        String phase = initFailed ? "Failed" : !initialized ? "Pending" : phase(statuses, restartPolicy);

        String time = now.toString();
        List<PodCondition> conditions = List.of(
            condition(current, "PodScheduled", true, time),
            condition(current, "Initialized", initialized, time),
            condition(current, "ContainersReady", containersReady, time),
            condition(current, "Ready", containersReady, time));
        var builder = new PodStatusBuilder(current)
            .withPhase(phase)
            .withConditions(conditions)
            .withInitContainerStatuses(initStatuses)
            .withContainerStatuses(statuses)
            .withHostIP(hostIp)
            .withStartTime(current.getStartTime() != null ? current.getStartTime() : time);
        if (podIp != null && !podIp.isEmpty()) {
            builder.withPodIP(podIp).withPodIPs(new PodIP(podIp));
        }
        return builder.build();
    }

    /** The kubelet's phase rule over the app containers. */
    static String phase(List<io.fabric8.kubernetes.api.model.ContainerStatus> statuses, String restartPolicy) {
        int running = 0;
        int waiting = 0;
        int stopped = 0;
        int succeeded = 0;
        for (var status : statuses) {
            if (status.getState().getRunning() != null) {
                running++;
            } else if (status.getState().getTerminated() != null) {
                stopped++;
                if (status.getState().getTerminated().getExitCode() == 0) {
                    succeeded++;
                }
            } else if (status.getLastState() != null && status.getLastState().getTerminated() != null) {
                stopped++;
            } else {
                waiting++;
            }
        }
        if (waiting > 0) {
            return "Pending";
        }
        if (running > 0) {
            return "Running";
        }
        if (stopped > 0) {
            if ("Always".equals(restartPolicy)) {
                return "Running";
            }
            if (stopped == succeeded) {
                return "Succeeded";
            }
            return "Never".equals(restartPolicy) ? "Failed" : "Running";
        }
        return "Pending";
    }

    static io.fabric8.kubernetes.api.model.ContainerStatus status(Container container, Observed observed,
        String runtimeName) {
        List<ContainerStatus> instances = observed == null ? List.of() : observed.instances();
        Waiting waiting = observed == null ? null : observed.waiting();
        ContainerStatusBuilder status = new ContainerStatusBuilder().withName(container.getName())
            .withImage(container.getImage()).withImageID("").withReady(false).withStarted(false)
            .withRestartCount(instances.isEmpty() ? 0 : instances.get(0).getMetadata().getAttempt());
        if (instances.size() > 1) {
            status.withLastState(state(instances.get(1)));
        }
        if (waiting != null) {
            status.withState(new ContainerStateBuilder().withNewWaiting()
                .withReason(waiting.reason()).withMessage(waiting.message()).endWaiting().build());
            if (instances.size() == 1 && instances.get(0).getState() == ContainerState.CONTAINER_EXITED) {
                status.withLastState(state(instances.get(0)));
            }
            return status.build();
        }
        if (instances.isEmpty()) {
            return status.withState(new ContainerStateBuilder().withNewWaiting()
                .withReason("ContainerCreating").endWaiting().build()).build();
        }
        ContainerStatus latest = instances.get(0);
        boolean running = latest.getState() == ContainerState.CONTAINER_RUNNING;
        return status.withState(state(latest))
            .withContainerID(runtimeName + "://" + latest.getId())
            .withImageID(latest.getImageRef())
            .withReady(running && observed.ready()).withStarted(running && observed.started())
            .build();
    }

    private static io.fabric8.kubernetes.api.model.ContainerState state(ContainerStatus instance) {
        return switch (instance.getState()) {
            case CONTAINER_RUNNING -> new ContainerStateBuilder().withNewRunning()
                .withStartedAt(time(instance.getStartedAt())).endRunning().build();
            case CONTAINER_EXITED -> new ContainerStateBuilder().withNewTerminated()
                .withExitCode(instance.getExitCode())
                .withReason(instance.getReason().isEmpty() ? (instance.getExitCode() == 0 ? "Completed" : "Error")
                    : instance.getReason())
                .withMessage(instance.getMessage().isEmpty() ? null : instance.getMessage())
                .withStartedAt(instance.getStartedAt() == 0 ? null : time(instance.getStartedAt()))
                .withFinishedAt(time(instance.getFinishedAt()))
                .withContainerID(instance.getId()).endTerminated().build();
            default -> new ContainerStateBuilder().withNewWaiting().withReason("ContainerCreating").endWaiting().build();
        };
    }

    private static PodCondition condition(PodStatus current, String type, boolean value, String now) {
        String status = value ? "True" : "False";
        String transition = current.getConditions() == null ? now : current.getConditions().stream()
            .filter(condition -> type.equals(condition.getType()) && status.equals(condition.getStatus()))
            .map(PodCondition::getLastTransitionTime).filter(time -> time != null).findFirst().orElse(now);
        return new PodConditionBuilder().withType(type).withStatus(status).withLastTransitionTime(transition).build();
    }

    private static String time(long nanos) {
        return Instant.ofEpochSecond(0, nanos).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }
}
