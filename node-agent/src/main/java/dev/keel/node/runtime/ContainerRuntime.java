package dev.keel.node.runtime;

import dev.keel.node.cri.v1.Container;
import dev.keel.node.cri.v1.ContainerConfig;
import dev.keel.node.cri.v1.ContainerFilter;
import dev.keel.node.cri.v1.ContainerStats;
import dev.keel.node.cri.v1.ContainerStatus;
import dev.keel.node.cri.v1.ExecSyncResponse;
import dev.keel.node.cri.v1.Image;
import dev.keel.node.cri.v1.PodSandbox;
import dev.keel.node.cri.v1.PodSandboxConfig;
import dev.keel.node.cri.v1.PodSandboxFilter;
import dev.keel.node.cri.v1.PodSandboxStatus;
import dev.keel.node.cri.v1.RuntimeStatus;
import dev.keel.node.cri.v1.VersionResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What the agent needs from a container runtime, in the CRI's own messages: containerd's CRI plugin over its unix
 * socket on a real node, or an in-memory simulation on a hollow node. The agent code is the same for both.
 *
 * <p>Calls block until the runtime answers. A missing sandbox, container or image is a
 * {@link ContainerRuntimeException} with {@link ContainerRuntimeException.Kind#NOT_FOUND}; stop and remove calls
 * are idempotent, as the CRI requires. Sandboxes and containers carry the labels the caller set, and list calls
 * filter on them (label selectors are exact matches, ANDed).
 */
public interface ContainerRuntime extends AutoCloseable {

    /** Runtime name and versions; also the cheapest health check. */
    VersionResponse version();

    /** The runtime's conditions (RuntimeReady, NetworkReady). */
    RuntimeStatus status();

    /** Creates and starts a pod sandbox (namespaces, network with the pod IP); answers its id. */
    String runPodSandbox(PodSandboxConfig config);

    /** Stops every process of the sandbox and frees its network; idempotent. */
    void stopPodSandbox(String sandboxId);

    /** Removes the sandbox and its containers; idempotent. */
    void removePodSandbox(String sandboxId);

    PodSandboxStatus podSandboxStatus(String sandboxId);

    List<PodSandbox> listPodSandboxes(PodSandboxFilter filter);

    /** Creates a container in a sandbox, whose config is passed again as the CRI wants it; answers its id. */
    String createContainer(String sandboxId, ContainerConfig config, PodSandboxConfig sandboxConfig);

    void startContainer(String containerId);

    /** Stops the container: TERM, then KILL once {@code grace} has passed; idempotent. */
    void stopContainer(String containerId, Duration grace);

    /** Removes the container, killing it first if it runs; idempotent. */
    void removeContainer(String containerId);

    ContainerStatus containerStatus(String containerId);

    List<Container> listContainers(ContainerFilter filter);

    /** Runs a command in the container and waits for it ({@code timeout} zero: no limit). */
    ExecSyncResponse execSync(String containerId, List<String> command, Duration timeout);

    /** Prepares a streaming exec; answers the URL of the runtime's streaming server that serves it. */
    String exec(String containerId, List<String> command, boolean tty, boolean stdin);

    /**
     * Prepares a streaming attach to the container's main process; answers the URL of the runtime's streaming server
     * that serves it. {@code tty} must match the container's configuration; stderr is not streamed with a TTY.
     */
    String attach(String containerId, boolean stdin, boolean stdout, boolean stderr, boolean tty);

    /**
     * Prepares a streaming port-forward into the sandbox's network namespace; answers the URL of the runtime's
     * streaming server that serves it. The ports are those the client will ask for (SPDY clients name them per
     * stream, so the list may be empty).
     */
    String portForward(String sandboxId, List<Integer> ports);

    ContainerStats containerStats(String containerId);

    /**
     * Asks the runtime to close the container's log file and open a new one at its log path (after the caller
     * renamed the old one away, for rotation). Fails when the container does not run.
     */
    void reopenContainerLog(String containerId);

    /** The image as stored on the node, or empty when it is not there. */
    Optional<Image> imageStatus(String image);

    /** Pulls the image; answers its reference (id or digest). Pull failures are {@link ContainerRuntimeException}s. */
    String pullImage(String image, PodSandboxConfig sandboxConfig);

    @Override
    void close();
}
