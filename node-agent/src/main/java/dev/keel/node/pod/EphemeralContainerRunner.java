package dev.keel.node.pod;

import dev.keel.node.cri.v1.ContainerState;
import dev.keel.node.cri.v1.ContainerStatus;
import dev.keel.node.cri.v1.PodSandboxConfig;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pod's ephemeral containers ({@code kubectl debug}), as the kubelet runs them: each is started once in the running
 * pod's sandbox and never restarted, has no probes, and with a {@code targetContainerName} joins that container's
 * process namespace (CRI {@code NamespaceMode.TARGET}), so it sees the target's processes.
 */
public class EphemeralContainerRunner {

    private static final Logger log = LoggerFactory.getLogger(EphemeralContainerRunner.class);

    private final ContainerStarter starter;

    public EphemeralContainerRunner(ContainerStarter starter) {
        this.starter = starter;
    }

    /**
     * Starts the ephemeral containers that have never run and answers the status of each, in spec order.
     *
     * @param instances reads the sandbox's containers by name, newest first (only for pods with ephemeral containers)
     */
    public List<io.fabric8.kubernetes.api.model.ContainerStatus> sync(Pod pod,
        Supplier<Map<String, List<ContainerStatus>>> instances, String sandboxId, PodSandboxConfig sandboxConfig,
        String podIp, String hostIp, String runtimeName) {
        List<EphemeralContainer> ephemeral = pod.getSpec().getEphemeralContainers();
        List<io.fabric8.kubernetes.api.model.ContainerStatus> statuses = new ArrayList<>();
        if (ephemeral == null || ephemeral.isEmpty()) {
            return statuses;
        }
        Map<String, List<ContainerStatus>> current = instances.get();
        for (EphemeralContainer spec : ephemeral) {
            Container container = asContainer(spec);
            Waiting waiting = null;
            if (current.getOrDefault(spec.getName(), List.of()).isEmpty() && !ranBefore(pod, spec.getName())) {
                String target = null;
                if (spec.getTargetContainerName() != null && !spec.getTargetContainerName().isEmpty()) {
                    target = running(current, spec.getTargetContainerName());
                }
                if (spec.getTargetContainerName() != null && !spec.getTargetContainerName().isEmpty() && target == null) {
                    waiting = new Waiting("CreateContainerError", "target container " + spec.getTargetContainerName()
                        + " is not running");
                } else {
                    waiting = starter.start(pod, container, List.of(), sandboxId, sandboxConfig, podIp, hostIp, target);
                    if (waiting == null) {
                        log.info("Pod {}/{}: ephemeral container {} started{}", pod.getMetadata().getNamespace(),
                            pod.getMetadata().getName(), spec.getName(), target == null ? ""
                                : " in the process namespace of " + spec.getTargetContainerName());
                    }
                    current = instances.get();
                }
            }
            if (current.getOrDefault(spec.getName(), List.of()).isEmpty() && ranBefore(pod, spec.getName())) {
                statuses.add(previous(pod, spec.getName()));
                continue;
            }
            PodStatuses.Observed observed = new PodStatuses.Observed(current.getOrDefault(spec.getName(), List.of()),
                waiting, false, false);
            var status = PodStatuses.status(container, observed, runtimeName);
            boolean running = !observed.instances().isEmpty() && waiting == null
                && observed.instances().get(0).getState() == ContainerState.CONTAINER_RUNNING;
            // No probes: an ephemeral container counts as started while it runs, and is never ready.
            status.setStarted(running);
            status.setReady(false);
            statuses.add(status);
        }
        return statuses;
    }

    /**
     * Whether the pod's reported status shows the container ran (running or terminated) in an earlier sandbox or
     * before its instance was removed: the kubelet never starts an ephemeral container twice.
     */
    private static boolean ranBefore(Pod pod, String name) {
        if (pod.getStatus() == null || pod.getStatus().getEphemeralContainerStatuses() == null) {
            return false;
        }
        return pod.getStatus().getEphemeralContainerStatuses().stream()
            .filter(status -> name.equals(status.getName()) && status.getState() != null)
            .anyMatch(status -> status.getState().getRunning() != null || status.getState().getTerminated() != null);
    }

    private static io.fabric8.kubernetes.api.model.ContainerStatus previous(Pod pod, String name) {
        return pod.getStatus().getEphemeralContainerStatuses().stream().filter(status -> name.equals(status.getName()))
            .findFirst().orElseThrow();
    }

    private static String running(Map<String, List<ContainerStatus>> instances, String name) {
        List<ContainerStatus> history = instances.getOrDefault(name, List.of());
        return !history.isEmpty() && history.get(0).getState() == ContainerState.CONTAINER_RUNNING
            ? history.get(0).getId() : null;
    }

    /** The container an ephemeral container describes: they share every field but the target. */
    static Container asContainer(EphemeralContainer ephemeral) {
        Container container = Serialization.jsonMapper().convertValue(ephemeral, Container.class);
        container.getAdditionalProperties().remove("targetContainerName");
        return container;
    }
}
