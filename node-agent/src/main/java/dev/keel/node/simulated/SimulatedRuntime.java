package dev.keel.node.simulated;

import com.google.protobuf.ByteString;
import dev.keel.node.cri.v1.Container;
import dev.keel.node.cri.v1.ContainerAttributes;
import dev.keel.node.cri.v1.ContainerConfig;
import dev.keel.node.cri.v1.ContainerFilter;
import dev.keel.node.cri.v1.ContainerState;
import dev.keel.node.cri.v1.ContainerStats;
import dev.keel.node.cri.v1.ContainerStatus;
import dev.keel.node.cri.v1.CpuUsage;
import dev.keel.node.cri.v1.ExecSyncResponse;
import dev.keel.node.cri.v1.Image;
import dev.keel.node.cri.v1.MemoryUsage;
import dev.keel.node.cri.v1.PodSandbox;
import dev.keel.node.cri.v1.PodSandboxConfig;
import dev.keel.node.cri.v1.PodSandboxFilter;
import dev.keel.node.cri.v1.PodSandboxNetworkStatus;
import dev.keel.node.cri.v1.PodSandboxState;
import dev.keel.node.cri.v1.PodSandboxStatus;
import dev.keel.node.cri.v1.RuntimeCondition;
import dev.keel.node.cri.v1.RuntimeStatus;
import dev.keel.node.cri.v1.UInt64Value;
import dev.keel.node.cri.v1.VersionResponse;
import dev.keel.node.runtime.ContainerRuntime;
import dev.keel.node.runtime.ContainerRuntimeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link ContainerRuntime} held in memory, for hollow nodes: sandboxes get addresses from the node's range,
 * containers start at once and run until stopped or until their {@link SimulatedBehaviour} script ends them. A
 * container's state is computed from the clock when read, so thousands of them cost no timers.
 */
public class SimulatedRuntime implements ContainerRuntime {

    private final Clock clock;
    private final SimulatedBehaviour behaviour;
    private final String addressPrefix;
    private final AtomicInteger nextHost = new AtomicInteger(2);
    private final Map<String, Sandbox> sandboxes = new ConcurrentHashMap<>();
    private final Map<String, SimContainer> containers = new ConcurrentHashMap<>();
    private final Map<String, String> images = new ConcurrentHashMap<>();

    private record Sandbox(String id, PodSandboxConfig config, String ip, Instant created, boolean ready) {
    }

    /** One container; {@code stopped} is set once it was stopped or exited on its own. */
    private record SimContainer(String id, String sandboxId, ContainerConfig config, Instant created, Instant started,
        Instant finished, int exitCode, String reason) {

        ContainerState state() {
            if (finished != null) {
                return ContainerState.CONTAINER_EXITED;
            }
            return started == null ? ContainerState.CONTAINER_CREATED : ContainerState.CONTAINER_RUNNING;
        }
    }

    /** @param podCidr the node's pod range as a.b.c.0/24: addresses are handed out from a.b.c.2 upwards */
    public SimulatedRuntime(Clock clock, SimulatedBehaviour behaviour, String podCidr) {
        this.clock = clock;
        this.behaviour = behaviour;
        String network = podCidr.substring(0, podCidr.indexOf('/'));
        this.addressPrefix = network.substring(0, network.lastIndexOf('.') + 1);
    }

    @Override
    public VersionResponse version() {
        return VersionResponse.newBuilder().setVersion("v1").setRuntimeName("simulated")
            .setRuntimeVersion("0.1.0").setRuntimeApiVersion("v1").build();
    }

    @Override
    public RuntimeStatus status() {
        return RuntimeStatus.newBuilder()
            .addConditions(RuntimeCondition.newBuilder().setType("RuntimeReady").setStatus(true))
            .addConditions(RuntimeCondition.newBuilder().setType("NetworkReady").setStatus(true))
            .build();
    }

    @Override
    public String runPodSandbox(PodSandboxConfig config) {
        String id = newId();
        // Wraps within the /24; a hollow node never holds 250 pods at once in practice.
        String ip = addressPrefix + (2 + Math.floorMod(nextHost.getAndIncrement() - 2, 252));
        sandboxes.put(id, new Sandbox(id, config, ip, clock.instant(), true));
        return id;
    }

    @Override
    public void stopPodSandbox(String sandboxId) {
        sandboxes.computeIfPresent(sandboxId, (id, sandbox) -> new Sandbox(id, sandbox.config(), sandbox.ip(),
            sandbox.created(), false));
        containers.values().stream().filter(container -> container.sandboxId().equals(sandboxId))
            .forEach(container -> stopContainer(container.id(), Duration.ZERO));
    }

    @Override
    public void removePodSandbox(String sandboxId) {
        containers.values().removeIf(container -> container.sandboxId().equals(sandboxId));
        sandboxes.remove(sandboxId);
    }

    @Override
    public PodSandboxStatus podSandboxStatus(String sandboxId) {
        Sandbox sandbox = sandbox(sandboxId);
        return PodSandboxStatus.newBuilder().setId(sandbox.id()).setMetadata(sandbox.config().getMetadata())
            .setState(sandbox.ready() ? PodSandboxState.SANDBOX_READY : PodSandboxState.SANDBOX_NOTREADY)
            .setCreatedAt(nanos(sandbox.created()))
            .setNetwork(PodSandboxNetworkStatus.newBuilder().setIp(sandbox.ip()))
            .putAllLabels(sandbox.config().getLabelsMap()).putAllAnnotations(sandbox.config().getAnnotationsMap())
            .build();
    }

    @Override
    public List<PodSandbox> listPodSandboxes(PodSandboxFilter filter) {
        return sandboxes.values().stream()
            .filter(sandbox -> filter.getId().isEmpty() || filter.getId().equals(sandbox.id()))
            .filter(sandbox -> !filter.hasState()
                || filter.getState().getState() == (sandbox.ready() ? PodSandboxState.SANDBOX_READY
                : PodSandboxState.SANDBOX_NOTREADY))
            .filter(sandbox -> matches(sandbox.config().getLabelsMap(), filter.getLabelSelectorMap()))
            .map(sandbox -> PodSandbox.newBuilder().setId(sandbox.id()).setMetadata(sandbox.config().getMetadata())
                .setState(sandbox.ready() ? PodSandboxState.SANDBOX_READY : PodSandboxState.SANDBOX_NOTREADY)
                .setCreatedAt(nanos(sandbox.created())).putAllLabels(sandbox.config().getLabelsMap())
                .putAllAnnotations(sandbox.config().getAnnotationsMap()).build())
            .toList();
    }

    @Override
    public String createContainer(String sandboxId, ContainerConfig config, PodSandboxConfig sandboxConfig) {
        if (!sandbox(sandboxId).ready()) {
            throw new ContainerRuntimeException(ContainerRuntimeException.Kind.FAILED,
                "CreateContainer " + config.getMetadata().getName() + ": sandbox " + sandboxId + " is not ready");
        }
        if (!images.containsKey(config.getImage().getImage())) {
            throw new ContainerRuntimeException(ContainerRuntimeException.Kind.NOT_FOUND,
                "CreateContainer " + config.getMetadata().getName() + ": image " + config.getImage().getImage()
                    + " is not on the node");
        }
        String id = newId();
        containers.put(id, new SimContainer(id, sandboxId, config, clock.instant(), null, null, 0, ""));
        return id;
    }

    @Override
    public void startContainer(String containerId) {
        containers.compute(containerId, (id, container) -> {
            if (container == null) {
                throw notFound("container", containerId);
            }
            if (container.started() != null) {
                throw new ContainerRuntimeException(ContainerRuntimeException.Kind.FAILED,
                    "StartContainer " + containerId + ": already started");
            }
            return new SimContainer(id, container.sandboxId(), container.config(), container.created(),
                clock.instant(), null, 0, "");
        });
    }

    @Override
    public void stopContainer(String containerId, Duration grace) {
        containers.computeIfPresent(containerId, (id, container) -> {
            SimContainer current = advance(container);
            if (current.finished() != null || current.started() == null) {
                return current;
            }
            // Simulated processes honour TERM at once.
            return new SimContainer(id, current.sandboxId(), current.config(), current.created(), current.started(),
                clock.instant(), 143, "Error");
        });
    }

    @Override
    public void removeContainer(String containerId) {
        containers.remove(containerId);
    }

    @Override
    public ContainerStatus containerStatus(String containerId) {
        SimContainer container = current(containerId);
        ContainerStatus.Builder status = ContainerStatus.newBuilder().setId(container.id())
            .setMetadata(container.config().getMetadata()).setState(container.state())
            .setCreatedAt(nanos(container.created())).setImage(container.config().getImage())
            .setImageRef(images.getOrDefault(container.config().getImage().getImage(), ""))
            .setExitCode(container.exitCode()).setReason(container.reason())
            .putAllLabels(container.config().getLabelsMap())
            .putAllAnnotations(container.config().getAnnotationsMap());
        logPath(container).ifPresent(path -> status.setLogPath(path.toString()));
        if (container.started() != null) {
            status.setStartedAt(nanos(container.started()));
        }
        if (container.finished() != null) {
            status.setFinishedAt(nanos(container.finished()));
        }
        return status.build();
    }

    @Override
    public List<Container> listContainers(ContainerFilter filter) {
        return containers.keySet().stream().map(this::currentOrNull).filter(container -> container != null)
            .filter(container -> filter.getId().isEmpty() || filter.getId().equals(container.id()))
            .filter(container -> filter.getPodSandboxId().isEmpty()
                || filter.getPodSandboxId().equals(container.sandboxId()))
            .filter(container -> !filter.hasState() || filter.getState().getState() == container.state())
            .filter(container -> matches(container.config().getLabelsMap(), filter.getLabelSelectorMap()))
            .map(container -> Container.newBuilder().setId(container.id()).setPodSandboxId(container.sandboxId())
                .setMetadata(container.config().getMetadata()).setImage(container.config().getImage())
                .setState(container.state()).setCreatedAt(nanos(container.created()))
                .putAllLabels(container.config().getLabelsMap())
                .putAllAnnotations(container.config().getAnnotationsMap()).build())
            .toList();
    }

    @Override
    public ExecSyncResponse execSync(String containerId, List<String> command, Duration timeout) {
        requireRunning(containerId, "ExecSync");
        int exitCode = behaviour.exec().apply(current(containerId).config(), command);
        return ExecSyncResponse.newBuilder().setStdout(ByteString.EMPTY).setExitCode(exitCode).build();
    }

    @Override
    public String exec(String containerId, List<String> command, boolean tty, boolean stdin) {
        requireRunning(containerId, "Exec");
        throw new ContainerRuntimeException(ContainerRuntimeException.Kind.FAILED,
            "Exec " + containerId + ": a simulated runtime has no streaming server");
    }

    /**
     * As containerd does: a new empty file at the log path (the caller renamed the old one away). Like containerd it
     * creates no directory: a pod's log directory removed with the pod stays removed.
     */
    @Override
    public void reopenContainerLog(String containerId) {
        requireRunning(containerId, "ReopenContainerLog");
        Optional<Path> path = logPath(current(containerId));
        if (path.isEmpty()) {
            throw new ContainerRuntimeException(ContainerRuntimeException.Kind.FAILED,
                "ReopenContainerLog " + containerId + ": the container has no log path");
        }
        try {
            if (!Files.exists(path.get())) {
                Files.createFile(path.get());
            }
        } catch (IOException e) {
            throw new ContainerRuntimeException(ContainerRuntimeException.Kind.FAILED,
                "ReopenContainerLog " + containerId + ": cannot create " + path.get() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String attach(String containerId, boolean stdin, boolean stdout, boolean stderr, boolean tty) {
        requireRunning(containerId, "Attach");
        throw new ContainerRuntimeException(ContainerRuntimeException.Kind.FAILED,
            "Attach " + containerId + ": a simulated runtime has no streaming server");
    }

    @Override
    public String portForward(String sandboxId, List<Integer> ports) {
        sandbox(sandboxId);
        throw new ContainerRuntimeException(ContainerRuntimeException.Kind.FAILED,
            "PortForward " + sandboxId + ": a simulated runtime has no streaming server (a hollow pod has no network)");
    }

    @Override
    public ContainerStats containerStats(String containerId) {
        SimContainer container = current(containerId);
        long now = nanos(clock.instant());
        return ContainerStats.newBuilder()
            .setAttributes(ContainerAttributes.newBuilder().setId(container.id())
                .setMetadata(container.config().getMetadata()).putAllLabels(container.config().getLabelsMap()))
            .setCpu(CpuUsage.newBuilder().setTimestamp(now).setUsageNanoCores(UInt64Value.newBuilder().setValue(1_000_000)))
            .setMemory(MemoryUsage.newBuilder().setTimestamp(now)
                .setWorkingSetBytes(UInt64Value.newBuilder().setValue(4L << 20)))
            .build();
    }

    @Override
    public Optional<Image> imageStatus(String image) {
        String ref = images.get(image);
        return ref == null ? Optional.empty()
            : Optional.of(Image.newBuilder().setId(ref).addRepoTags(image).setSize(1).build());
    }

    @Override
    public String pullImage(String image, PodSandboxConfig sandboxConfig) {
        if (behaviour.missingImages().contains(image)) {
            throw new ContainerRuntimeException(ContainerRuntimeException.Kind.FAILED,
                "PullImage " + image + ": not found in the registry");
        }
        return images.computeIfAbsent(image, name -> "sha256:" + UUID.nameUUIDFromBytes(name.getBytes()).toString()
            .replace("-", ""));
    }

    @Override
    public void close() {
        // Nothing held outside memory.
    }

    private void requireRunning(String containerId, String call) {
        if (current(containerId).state() != ContainerState.CONTAINER_RUNNING) {
            throw new ContainerRuntimeException(ContainerRuntimeException.Kind.FAILED,
                call + " " + containerId + ": container is not running");
        }
    }

    private SimContainer current(String containerId) {
        SimContainer container = currentOrNull(containerId);
        if (container == null) {
            throw notFound("container", containerId);
        }
        return container;
    }

    private SimContainer currentOrNull(String containerId) {
        return containers.computeIfPresent(containerId, (id, container) -> advance(container));
    }

    /** Applies the script: a running container whose time is up has exited. */
    private SimContainer advance(SimContainer container) {
        if (container.started() == null || container.finished() != null) {
            return container;
        }
        Optional<SimulatedBehaviour.Exit> exit = behaviour.script().apply(container.config());
        if (exit.isEmpty()) {
            return container;
        }
        Instant end = container.started().plus(exit.get().after());
        if (clock.instant().isBefore(end)) {
            return container;
        }
        return new SimContainer(container.id(), container.sandboxId(), container.config(), container.created(),
            container.started(), end, exit.get().code(), exit.get().code() == 0 ? "Completed" : "Error");
    }

    /** The sandbox's log directory joined with the container's log path, as the CRI defines it; empty without. */
    private Optional<Path> logPath(SimContainer container) {
        Sandbox sandbox = sandboxes.get(container.sandboxId());
        String directory = sandbox == null ? "" : sandbox.config().getLogDirectory();
        String file = container.config().getLogPath();
        return directory.isEmpty() || file.isEmpty() ? Optional.empty() : Optional.of(Path.of(directory, file));
    }

    private Sandbox sandbox(String sandboxId) {
        Sandbox sandbox = sandboxes.get(sandboxId);
        if (sandbox == null) {
            throw notFound("sandbox", sandboxId);
        }
        return sandbox;
    }

    private static ContainerRuntimeException notFound(String what, String id) {
        return new ContainerRuntimeException(ContainerRuntimeException.Kind.NOT_FOUND, what + " " + id + " not found");
    }

    private static boolean matches(Map<String, String> labels, Map<String, String> selector) {
        return selector.entrySet().stream().allMatch(entry -> entry.getValue().equals(labels.get(entry.getKey())));
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    private static String newId() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
