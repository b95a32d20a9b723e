package dev.keel.node.pod;

import dev.keel.node.config.ConfigSources;
import dev.keel.node.config.ConfigUnavailableException;
import dev.keel.node.config.ContainerEnv;
import dev.keel.node.cri.v1.ContainerStatus;
import dev.keel.node.cri.v1.Mount;
import dev.keel.node.cri.v1.PodSandboxConfig;
import dev.keel.node.runtime.ContainerRuntime;
import dev.keel.node.runtime.ContainerRuntimeException;
import dev.keel.node.volume.PodVolumes;
import dev.keel.node.volume.PreparedVolume;
import dev.keel.node.volume.VolumeUnavailableException;
import dev.keel.runtime.events.EventRecorder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the next instance of a container unless something holds it, and says what does: crash-loop back-off, the
 * image (pull policy, pull errors with back-off), its volumes (ContainerCreating, with a FailedMount event), its
 * environment's ConfigMaps and Secrets (CreateContainerConfigError), or the runtime refusing it
 * (CreateContainerError).
 */
public class ContainerStarter {

    private static final Logger log = LoggerFactory.getLogger(ContainerStarter.class);

    private final ContainerRuntime runtime;
    private final PodVolumes volumes;
    private final ConfigSources sources;
    private final EventRecorder events;
    private final CrashLoopBackOff backOff;
    private final Map<String, Quantity> allocatable;

    /** {@code allocatable} is the node's, for resourceFieldRefs to unset limits. */
    public ContainerStarter(ContainerRuntime runtime, PodVolumes volumes, ConfigSources sources, EventRecorder events,
        Map<String, Quantity> allocatable, Clock clock) {
        this.runtime = runtime;
        this.allocatable = allocatable;
        this.volumes = volumes;
        this.sources = sources;
        this.events = events;
        this.backOff = new CrashLoopBackOff(clock);
    }

    /**
     * Starts {@code container} in the sandbox after its earlier instances ({@code history}, newest first); answers
     * why it waits instead, or null when it started.
     */
    public Waiting start(Pod pod, Container container, List<ContainerStatus> history, String sandboxId,
        PodSandboxConfig sandboxConfig, String podIp, String hostIp) {
        return start(pod, container, history, sandboxId, sandboxConfig, podIp, hostIp, null);
    }

    /** As above, the container joining the process namespace of the container {@code pidTarget} when not null. */
    public Waiting start(Pod pod, Container container, List<ContainerStatus> history, String sandboxId,
        PodSandboxConfig sandboxConfig, String podIp, String hostIp, String pidTarget) {
        String key = pod.getMetadata().getUid() + "/" + container.getName();
        if (!history.isEmpty()) {
            Optional<Duration> wait = backOff.tryRetry(key);
            if (wait.isPresent()) {
                return new Waiting("CrashLoopBackOff", "back-off " + wait.get().toSeconds()
                    + "s restarting failed container=" + container.getName() + " pod=" + pod.getMetadata().getName());
            }
        }
        Waiting imageProblem = ensureImage(pod, container, sandboxConfig);
        if (imageProblem != null) {
            return imageProblem;
        }
        List<Mount> mounts;
        try {
            Map<String, PreparedVolume> prepared = volumes.prepare(pod);
            mounts = volumes.mounts(container, prepared);
        } catch (VolumeUnavailableException e) {
            events.warning(pod, "FailedMount", e.getMessage());
            return new Waiting("ContainerCreating", e.getMessage());
        }
        Map<String, String> env;
        try {
            env = new ContainerEnv(pod, sources, podIp, hostIp, allocatable).resolve(container);
        } catch (ConfigUnavailableException e) {
            events.warning(pod, "Failed", "Error: " + e.getMessage());
            return new Waiting("CreateContainerConfigError", e.getMessage());
        }
        int attempt = history.isEmpty() ? 0 : history.get(0).getMetadata().getAttempt() + 1;
        for (ContainerStatus old : history.subList(Math.min(1, history.size()), history.size())) {
            runtime.removeContainer(old.getId());
        }
        try {
            String id = runtime.createContainer(sandboxId, CriConfigs.container(pod, container, attempt, env, mounts, pidTarget),
                sandboxConfig);
            runtime.startContainer(id);
            log.info("Pod {}/{}: container {} started (attempt {})", pod.getMetadata().getNamespace(),
                pod.getMetadata().getName(), container.getName(), attempt);
            return null;
        } catch (ContainerRuntimeException e) {
            log.warn("Pod {}/{}: container {} failed to start: {}", pod.getMetadata().getNamespace(),
                pod.getMetadata().getName(), container.getName(), e.getMessage());
            return new Waiting("CreateContainerError", e.getMessage());
        }
    }

    /** Drops the back-off state of a pod that is gone. */
    public void forget(String podUid) {
        backOff.forget(podUid);
    }

    /** Pulls as imagePullPolicy says; a failed pull waits ErrImagePull, then ImagePullBackOff while backing off. */
    private Waiting ensureImage(Pod pod, Container container, PodSandboxConfig sandboxConfig) {
        String image = container.getImage();
        String policy = container.getImagePullPolicy() != null ? container.getImagePullPolicy()
            : image.endsWith(":latest") || !image.contains(":") ? "Always" : "IfNotPresent";
        boolean present = runtime.imageStatus(image).isPresent();
        if ("Never".equals(policy)) {
            return present ? null : new Waiting("ErrImageNeverPull",
                "image " + image + " is not present and the pull policy is Never");
        }
        if (present && "IfNotPresent".equals(policy)) {
            return null;
        }
        String key = pod.getMetadata().getUid() + "/pull/" + container.getName();
        try {
            runtime.pullImage(image, sandboxConfig);
            return null;
        } catch (ContainerRuntimeException e) {
            Optional<Duration> wait = backOff.tryRetry(key);
            return new Waiting(wait.isPresent() ? "ImagePullBackOff" : "ErrImagePull", e.getMessage());
        }
    }
}
