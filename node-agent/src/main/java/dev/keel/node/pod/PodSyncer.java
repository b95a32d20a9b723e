package dev.keel.node.pod;

import dev.keel.node.NodeAgentProperties;
import dev.keel.node.config.ApiConfigSources;
import dev.keel.node.config.ConfigSources;
import dev.keel.node.cri.v1.ContainerFilter;
import dev.keel.node.cri.v1.ContainerState;
import dev.keel.node.cri.v1.ContainerStatus;
import dev.keel.node.cri.v1.PodSandbox;
import dev.keel.node.cri.v1.PodSandboxConfig;
import dev.keel.node.cri.v1.PodSandboxFilter;
import dev.keel.node.cri.v1.PodSandboxState;
import dev.keel.node.node.NodeCapacity;
import dev.keel.node.probe.ContainerHealth;
import dev.keel.node.probe.ProbeManager;
import dev.keel.node.probe.Prober;
import dev.keel.node.runtime.ContainerRuntime;
import dev.keel.node.volume.MemoryMedium;
import dev.keel.node.volume.PodVolumes;
import dev.keel.node.volume.TmpfsMedium;
import dev.keel.node.volume.VolumeUnavailableException;
import dev.keel.runtime.events.EventRecorder;
import dev.keel.runtime.reconcile.Reconciler;
import dev.keel.runtime.reconcile.Request;
import dev.keel.runtime.reconcile.Result;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.cache.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings one pod bound to this node to its spec, level-triggered: reads the pod from the cache and what the runtime
 * holds for it (by the labels the agent set), then starts the sandbox, the init containers in order and the
 * containers, restarts exited ones as the restart policy says with back-off, reports the status, and on deletion
 * stops everything within the grace period and removes the pod object.
 */
public class PodSyncer implements Reconciler {

    private static final Logger log = LoggerFactory.getLogger(PodSyncer.class);
    private static final Duration DEFAULT_GRACE = Duration.ofSeconds(30);

    private final KubernetesClient client;
    private final Store<Pod> pods;
    private final ContainerRuntime runtime;
    private final ProbeManager probes;
    private final EventRecorder events;
    private final ContainerStarter starter;
    private final ContainerStopper stopper;
    private final EphemeralContainerRunner ephemeral;
    private final PodVolumes volumes;
    private final NodeAgentProperties properties;
    private final Clock clock;
    private final String runtimeName;

    public PodSyncer(KubernetesClient client, Store<Pod> pods, ContainerRuntime runtime, ProbeManager probes,
        Prober prober, EventRecorder events, NodeAgentProperties properties, Clock clock) {
        this.client = client;
        this.probes = probes;
        this.events = events;
        this.pods = pods;
        this.runtime = runtime;
        this.properties = properties;
        ConfigSources sources = new ApiConfigSources(client);
        Map<String, Quantity> allocatable = NodeCapacity.of(properties.getCapacity());
        // Hollow nodes run nothing in their pods' volumes: no tmpfs for them.
        MemoryMedium memory = "simulated".equals(properties.getRuntime().getType()) ? MemoryMedium.DIRECTORY
            : new TmpfsMedium();
        this.volumes = new PodVolumes(properties.getRootDirectory(), sources, memory, allocatable, clock,
            properties.getVolumeRefreshPeriod());
        this.starter = new ContainerStarter(runtime, volumes, sources, events, allocatable, clock);
        this.stopper = new ContainerStopper(runtime, prober, events, clock);
        this.ephemeral = new EphemeralContainerRunner(starter);
        this.clock = clock;
        this.runtimeName = runtime.version().getRuntimeName();
    }

    @Override
    public Result reconcile(Request request) {
        Pod pod = pods.getByKey(request.namespace() + "/" + request.name());
        if (pod == null || !properties.getName().equals(pod.getSpec().getNodeName())) {
            tearDown(request, null, Duration.ZERO);
            return Result.done();
        }
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            probes.forget(pod.getMetadata().getUid());
            tearDown(request, pod, grace(pod));
            client.pods().inNamespace(request.namespace()).withName(request.name()).withGracePeriod(0).delete();
            starter.forget(pod.getMetadata().getUid());
            log.info("Pod {} stopped and removed", request);
            return Result.done();
        }
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
            probes.forget(pod.getMetadata().getUid());
            releaseTerminal(request, pod);
            return Result.done();
        }
        Result result = sync(pod);
        return result.or(Result.requeueAfter(properties.getPodResyncPeriod()));
    }

    private Result sync(Pod pod) {
        String uid = pod.getMetadata().getUid();
        PodSandbox sandbox = readySandbox(pod);
        String podIp = runtime.podSandboxStatus(sandbox.getId()).getNetwork().getIp();
        PodSandboxConfig sandboxConfig = CriConfigs.sandbox(pod, properties.getLogDirectory(),
            sandbox.getMetadata().getAttempt());
        Map<String, List<ContainerStatus>> instances = instances(sandbox.getId());
        Map<String, PodStatuses.Observed> observed = new HashMap<>();
        String hostIp = properties.getInternalIps().isEmpty() ? null : properties.getInternalIps().get(0);
        String restartPolicy = pod.getSpec().getRestartPolicy() == null ? "Always" : pod.getSpec().getRestartPolicy();
        Result result = Result.done();
        Optional<String> eviction = refreshVolumes(pod);
        if (eviction.isPresent()) {
            return evict(pod, sandbox.getId(), podIp, hostIp, eviction.get());
        }

        boolean initDone = true;
        for (Container init : Optional.ofNullable(pod.getSpec().getInitContainers()).orElse(List.of())) {
            List<ContainerStatus> history = instances.getOrDefault(init.getName(), List.of());
            ContainerStatus latest = history.isEmpty() ? null : history.get(0);
            if (latest != null && latest.getState() == ContainerState.CONTAINER_EXITED && latest.getExitCode() == 0) {
                observed.put(init.getName(), new PodStatuses.Observed(history, null, false, false));
                continue;
            }
            initDone = false;
            // Init containers restart on failure unless the policy is Never.
            boolean start = latest == null || latest.getState() == ContainerState.CONTAINER_EXITED
                && !"Never".equals(restartPolicy);
            Waiting waiting = start
                ? starter.start(pod, init, history, sandbox.getId(), sandboxConfig, podIp, hostIp) : null;
            observed.put(init.getName(), new PodStatuses.Observed(instances(sandbox.getId())
                .getOrDefault(init.getName(), List.of()), waiting, false, false));
            break;
        }
        if (initDone) {
            for (Container container : pod.getSpec().getContainers()) {
                List<ContainerStatus> history = instances.getOrDefault(container.getName(), List.of());
                ContainerStatus latest = history.isEmpty() ? null : history.get(0);
                ContainerHealth health = health(pod, container, latest, podIp);
                if (health.killReason() != null) {
                    kill(pod, container, latest, podIp, health.killReason());
                    history = instances(sandbox.getId()).getOrDefault(container.getName(), List.of());
                    latest = history.get(0);
                }
                boolean start = latest == null || latest.getState() == ContainerState.CONTAINER_EXITED
                    && restarts(restartPolicy, latest.getExitCode());
                Waiting waiting = start
                    ? starter.start(pod, container, history, sandbox.getId(), sandboxConfig, podIp, hostIp) : null;
                List<ContainerStatus> now = instances(sandbox.getId()).getOrDefault(container.getName(), List.of());
                ContainerHealth current = health(pod, container, now.isEmpty() ? null : now.get(0), podIp);
                observed.put(container.getName(), new PodStatuses.Observed(now, waiting, current.started(),
                    current.ready()));
            }
        }
        var ephemeralStatuses = ephemeral.sync(pod, () -> instances(sandbox.getId()), sandbox.getId(), sandboxConfig,
            podIp, hostIp, runtimeName);
        PodStatus status = PodStatuses.build(pod, podIp, hostIp, observed, runtimeName, clock.instant());
        if (!ephemeralStatuses.isEmpty()) {
            status.setEphemeralContainerStatuses(ephemeralStatuses);
        }
        if (!status.equals(pod.getStatus())) {
            Pod updated = new PodBuilder(pod).withStatus(status).build();
            client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(updated).updateStatus();
            log.debug("Pod {}/{} status: {}", pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
                status.getPhase());
        }
        return result;
    }

    /**
     * Refreshes the pod's projected volumes (a failure is a FailedMount event; the old files stay) and answers the
     * eviction message when a disk emptyDir outgrew its sizeLimit.
     */
    private Optional<String> refreshVolumes(Pod pod) {
        try {
            volumes.refresh(pod);
        } catch (VolumeUnavailableException e) {
            log.warn("Pod {}/{}: {}", pod.getMetadata().getNamespace(), pod.getMetadata().getName(), e.getMessage());
            events.warning(pod, "FailedMount", e.getMessage());
        }
        try {
            return volumes.sizeLimitExceeded(pod);
        } catch (IOException e) {
            throw new UncheckedIOException("measuring the emptyDir volumes of pod " + pod.getMetadata().getName(), e);
        }
    }

    /**
     * Evicts the pod as the kubelet does when an emptyDir exceeds its sizeLimit: an Evicted event, its containers
     * stopped within the grace period, and the pod Failed with reason Evicted (its controller replaces it).
     */
    private Result evict(Pod pod, String sandboxId, String podIp, String hostIp, String message) {
        log.warn("Pod {}/{} evicted: {}", pod.getMetadata().getNamespace(), pod.getMetadata().getName(), message);
        events.warning(pod, "Evicted", message);
        probes.forget(pod.getMetadata().getUid());
        runtime.listContainers(ContainerFilter.newBuilder().setPodSandboxId(sandboxId).build()).stream()
            .filter(container -> container.getState() == ContainerState.CONTAINER_RUNNING)
            .forEach(container -> stopper.stop(pod, spec(pod, container.getMetadata().getName()), container.getId(),
                podIp, grace(pod)));
        Map<String, PodStatuses.Observed> observed = new HashMap<>();
        instances(sandboxId).forEach((name, history) ->
            observed.put(name, new PodStatuses.Observed(history, null, false, false)));
        PodStatus status = PodStatuses.build(pod, podIp, hostIp, observed, runtimeName, clock.instant());
        status.setPhase("Failed");
        status.setReason("Evicted");
        status.setMessage(message);
        client.pods().inNamespace(pod.getMetadata().getNamespace())
            .resource(new PodBuilder(pod).withStatus(status).build()).updateStatus();
        return Result.done();
    }

    /** What the probes say about the running instance; a container that does not run is neither started nor ready. */
    private ContainerHealth health(Pod pod, Container container, ContainerStatus latest, String podIp) {
        if (latest == null || latest.getState() != ContainerState.CONTAINER_RUNNING) {
            probes.untrack(pod.getMetadata().getUid(), container.getName());
            return new ContainerHealth(false, false, null);
        }
        return probes.track(pod, container, latest.getId(), Instant.ofEpochSecond(0, latest.getStartedAt()), podIp);
    }

    /** Stops a container whose liveness or startup probe failed for good, so the restart policy brings it back. */
    private void kill(Pod pod, Container container, ContainerStatus running, String podIp, String probe) {
        String message = "Container " + container.getName() + " failed " + probe + " probe, will be restarted";
        log.info("Pod {}/{}: {}", pod.getMetadata().getNamespace(), pod.getMetadata().getName(), message);
        events.normal(pod, "Killing", message);
        probes.untrack(pod.getMetadata().getUid(), container.getName());
        stopper.stop(pod, container, running.getId(), podIp, grace(pod));
    }

    private static boolean restarts(String restartPolicy, int exitCode) {
        return "Always".equals(restartPolicy) || "OnFailure".equals(restartPolicy) && exitCode != 0;
    }

    /** The pod's ready sandbox, or a new one (sandboxes that died are removed first, their containers with them). */
    private PodSandbox readySandbox(Pod pod) {
        List<PodSandbox> sandboxes = runtime.listPodSandboxes(PodSandboxFilter.newBuilder()
            .putLabelSelector(PodLabels.POD_UID, pod.getMetadata().getUid()).build());
        Optional<PodSandbox> ready = sandboxes.stream()
            .filter(sandbox -> sandbox.getState() == PodSandboxState.SANDBOX_READY)
            .max(Comparator.comparingInt(sandbox -> sandbox.getMetadata().getAttempt()));
        if (ready.isPresent()) {
            return ready.get();
        }
        int attempt = sandboxes.stream().mapToInt(sandbox -> sandbox.getMetadata().getAttempt() + 1).max().orElse(0);
        for (PodSandbox dead : sandboxes) {
            runtime.stopPodSandbox(dead.getId());
            runtime.removePodSandbox(dead.getId());
        }
        PodSandboxConfig config = CriConfigs.sandbox(pod, properties.getLogDirectory(), attempt);
        try {
            Files.createDirectories(CriConfigs.logDirectory(pod, properties.getLogDirectory()));
        } catch (IOException e) {
            throw new UncheckedIOException("creating the log directory of pod " + pod.getMetadata().getName(), e);
        }
        String id = runtime.runPodSandbox(config);
        log.info("Pod {}/{}: sandbox {} started", pod.getMetadata().getNamespace(), pod.getMetadata().getName(), id);
        return runtime.listPodSandboxes(PodSandboxFilter.newBuilder().setId(id).build()).get(0);
    }

    /** The pod's containers by name, newest instance first. */
    private Map<String, List<ContainerStatus>> instances(String sandboxId) {
        Map<String, List<ContainerStatus>> byName = new HashMap<>();
        runtime.listContainers(ContainerFilter.newBuilder().setPodSandboxId(sandboxId).build()).forEach(container ->
            byName.computeIfAbsent(container.getMetadata().getName(), name -> new java.util.ArrayList<>())
                .add(runtime.containerStatus(container.getId())));
        byName.values().forEach(list -> list.sort(
            Comparator.comparingInt((ContainerStatus status) -> status.getMetadata().getAttempt()).reversed()));
        return byName;
    }

    /**
     * Stops every container of the pod (preStop hook, TERM, grace, KILL), removes its sandboxes and its own volumes.
     * {@code pod} is null when the object is gone: no hooks then, and volumes whose sandbox is already gone are left
     * to the orphan sweep ({@link #removeOrphanedPodDirectories}). The volumes are removed by pod UID whether or not
     * a sandbox is left, so a removal that failed is retried by the next sync.
     */
    private void tearDown(Request request, Pod pod, Duration grace) {
        List<PodSandbox> sandboxes = runtime.listPodSandboxes(PodSandboxFilter.newBuilder()
            .putLabelSelector(PodLabels.POD_NAMESPACE, request.namespace())
            .putLabelSelector(PodLabels.POD_NAME, request.name()).build());
        Set<String> uids = new LinkedHashSet<>();
        if (pod != null) {
            uids.add(pod.getMetadata().getUid());
        }
        for (PodSandbox sandbox : sandboxes) {
            stopContainers(sandbox, pod, grace);
            runtime.stopPodSandbox(sandbox.getId());
            runtime.removePodSandbox(sandbox.getId());
            log.info("Pod {}: sandbox {} removed", request, sandbox.getId());
            uids.add(sandbox.getMetadata().getUid());
        }
        for (String uid : uids) {
            removeVolumes(request.toString(), uid);
        }
    }

    /**
     * A pod that ended (Succeeded, Failed, evicted) keeps nothing running, as with the kubelet: its containers are
     * stopped, its sandbox stopped (its network released) and its own volumes removed (tmpfs unmounted). The exited
     * containers, the stopped sandbox and the log files stay until the pod is deleted, so {@code kubectl logs} of a
     * completed pod still answers.
     */
    private void releaseTerminal(Request request, Pod pod) {
        String uid = pod.getMetadata().getUid();
        for (PodSandbox sandbox : runtime.listPodSandboxes(PodSandboxFilter.newBuilder()
            .putLabelSelector(PodLabels.POD_UID, uid).build())) {
            if (sandbox.getState() == PodSandboxState.SANDBOX_READY) {
                stopContainers(sandbox, pod, grace(pod));
                runtime.stopPodSandbox(sandbox.getId());
                log.info("Pod {} is {}: sandbox {} stopped", request, pod.getStatus().getPhase(), sandbox.getId());
            }
        }
        removeVolumes(request.toString(), uid);
    }

    private void stopContainers(PodSandbox sandbox, Pod pod, Duration grace) {
        String podIp = runtime.podSandboxStatus(sandbox.getId()).getNetwork().getIp();
        runtime.listContainers(ContainerFilter.newBuilder().setPodSandboxId(sandbox.getId()).build()).parallelStream()
            .filter(container -> container.getState() == ContainerState.CONTAINER_RUNNING)
            .forEach(container -> stopper.stop(pod, spec(pod, container.getMetadata().getName()),
                container.getId(), podIp, grace));
    }

    /** Removes the pod's own volumes; a failure fails the sync, which the controller retries. */
    private void removeVolumes(String pod, String uid) {
        try {
            volumes.remove(uid);
        } catch (IOException e) {
            throw new UncheckedIOException("removing the volumes of pod " + pod + " (" + uid + ")", e);
        }
    }

    /**
     * As the kubelet's cleanupOrphanedPodDirs: removes {@code ROOT/pods/UID} of every UID that is neither a pod bound
     * here nor has a sandbox (a teardown that failed after its sandbox was removed, a pod deleted while the agent was
     * down). The directories are listed before the pods and sandboxes are, so a pod being set up is never taken for
     * an orphan. A removal that fails is logged and tried again at the next sweep.
     */
    public void removeOrphanedPodDirectories() {
        Path podsRoot = properties.getRootDirectory().resolve("pods");
        List<String> present;
        try (Stream<Path> entries = Files.list(podsRoot)) {
            present = entries.map(path -> path.getFileName().toString()).toList();
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            log.warn("Orphaned pod directories: cannot list {}: {}", podsRoot, e.toString(), e);
            return;
        }
        if (present.isEmpty()) {
            return;
        }
        Set<String> known = new HashSet<>();
        pods.list().forEach(pod -> known.add(pod.getMetadata().getUid()));
        runtime.listPodSandboxes(PodSandboxFilter.newBuilder().build())
            .forEach(sandbox -> known.add(sandbox.getMetadata().getUid()));
        for (String uid : present) {
            if (known.contains(uid)) {
                continue;
            }
            try {
                volumes.remove(uid);
                log.info("Removed the orphaned directory of pod {} under {}", uid, podsRoot);
            } catch (IOException | RuntimeException e) {
                log.warn("Removing the orphaned directory of pod {} under {} failed (retried at the next sweep): {}",
                    uid, podsRoot, e.toString(), e);
            }
        }
    }

    /** The app container of that name in the pod's spec, or null. */
    private static Container spec(Pod pod, String name) {
        return pod == null ? null : pod.getSpec().getContainers().stream()
            .filter(container -> name.equals(container.getName())).findFirst().orElse(null);
    }

    private Duration grace(Pod pod) {
        Long seconds = pod.getMetadata().getDeletionGracePeriodSeconds() != null
            ? pod.getMetadata().getDeletionGracePeriodSeconds() : pod.getSpec().getTerminationGracePeriodSeconds();
        return seconds == null ? DEFAULT_GRACE : Duration.ofSeconds(seconds);
    }
}
