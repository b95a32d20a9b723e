package dev.keel.node.pod;

import dev.keel.node.NodeAgentProperties;
import dev.keel.node.cri.v1.ContainerFilter;
import dev.keel.node.cri.v1.ContainerState;
import dev.keel.node.cri.v1.ContainerStatus;
import dev.keel.node.cri.v1.PodSandbox;
import dev.keel.node.cri.v1.PodSandboxConfig;
import dev.keel.node.cri.v1.PodSandboxFilter;
import dev.keel.node.cri.v1.PodSandboxState;
import dev.keel.node.runtime.ContainerRuntime;
import dev.keel.node.runtime.ContainerRuntimeException;
import dev.keel.runtime.reconcile.Reconciler;
import dev.keel.runtime.reconcile.Request;
import dev.keel.runtime.reconcile.Result;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.cache.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    private final NodeAgentProperties properties;
    private final CrashLoopBackOff backOff;
    private final Clock clock;
    private final String runtimeName;

    public PodSyncer(KubernetesClient client, Store<Pod> pods, ContainerRuntime runtime, NodeAgentProperties properties,
        Clock clock) {
        this.client = client;
        this.pods = pods;
        this.runtime = runtime;
        this.properties = properties;
        this.backOff = new CrashLoopBackOff(clock);
        this.clock = clock;
        this.runtimeName = runtime.version().getRuntimeName();
    }

    @Override
    public Result reconcile(Request request) {
        Pod pod = pods.getByKey(request.namespace() + "/" + request.name());
        if (pod == null || !properties.getName().equals(pod.getSpec().getNodeName())) {
            tearDown(request, Duration.ZERO);
            return Result.done();
        }
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            tearDown(request, grace(pod));
            client.pods().inNamespace(request.namespace()).withName(request.name()).withGracePeriod(0).delete();
            backOff.forget(pod.getMetadata().getUid());
            log.info("Pod {} stopped and removed", request);
            return Result.done();
        }
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
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
        String restartPolicy = pod.getSpec().getRestartPolicy() == null ? "Always" : pod.getSpec().getRestartPolicy();
        Result result = Result.done();

        boolean initDone = true;
        for (Container init : Optional.ofNullable(pod.getSpec().getInitContainers()).orElse(List.of())) {
            List<ContainerStatus> history = instances.getOrDefault(init.getName(), List.of());
            ContainerStatus latest = history.isEmpty() ? null : history.get(0);
            if (latest != null && latest.getState() == ContainerState.CONTAINER_EXITED && latest.getExitCode() == 0) {
                observed.put(init.getName(), new PodStatuses.Observed(history, null));
                continue;
            }
            initDone = false;
            // Init containers restart on failure unless the policy is Never.
            boolean start = latest == null || latest.getState() == ContainerState.CONTAINER_EXITED
                && !"Never".equals(restartPolicy);
            Waiting waiting = start ? ensureStarted(pod, init, history, sandbox.getId(), sandboxConfig, podIp) : null;
            observed.put(init.getName(), new PodStatuses.Observed(instances(sandbox.getId())
                .getOrDefault(init.getName(), List.of()), waiting));
            break;
        }
        if (initDone) {
            for (Container container : pod.getSpec().getContainers()) {
                List<ContainerStatus> history = instances.getOrDefault(container.getName(), List.of());
                ContainerStatus latest = history.isEmpty() ? null : history.get(0);
                boolean start = latest == null || latest.getState() == ContainerState.CONTAINER_EXITED
                    && restarts(restartPolicy, latest.getExitCode());
                Waiting waiting = start
                    ? ensureStarted(pod, container, history, sandbox.getId(), sandboxConfig, podIp) : null;
                observed.put(container.getName(), new PodStatuses.Observed(instances(sandbox.getId())
                    .getOrDefault(container.getName(), List.of()), waiting));
            }
        }
        String hostIp = properties.getInternalIps().isEmpty() ? null : properties.getInternalIps().get(0);
        PodStatus status = PodStatuses.build(pod, podIp, hostIp, observed, runtimeName, clock.instant());
        if (!status.equals(pod.getStatus())) {
            Pod updated = new PodBuilder(pod).withStatus(status).build();
            client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(updated).updateStatus();
            log.debug("Pod {}/{} status: {}", pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
                status.getPhase());
        }
        return result;
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

    /** Starts the next instance of a container unless back-off or its image holds it; answers why it waits. */
    private Waiting ensureStarted(Pod pod, Container container, List<ContainerStatus> history, String sandboxId,
        PodSandboxConfig sandboxConfig, String podIp) {
        String key = pod.getMetadata().getUid() + "/" + container.getName();
        if (!history.isEmpty()) {
            Optional<Duration> wait = backOff.tryRetry(key);
            if (wait.isPresent()) {
                return new Waiting("CrashLoopBackOff", "back-off " + wait.get().toSeconds() + "s restarting failed container="
                    + container.getName() + " pod=" + pod.getMetadata().getName());
            }
        }
        Waiting imageProblem = ensureImage(pod, container, sandboxConfig);
        if (imageProblem != null) {
            return imageProblem;
        }
        int attempt = history.isEmpty() ? 0 : history.get(0).getMetadata().getAttempt() + 1;
        for (ContainerStatus old : history.subList(Math.min(1, history.size()), history.size())) {
            runtime.removeContainer(old.getId());
        }
        try {
            String id = runtime.createContainer(sandboxId, CriConfigs.container(pod, container, attempt, podIp),
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

    /** Stops every container of the pod (TERM, grace, KILL) and removes its sandboxes. */
    private void tearDown(Request request, Duration grace) {
        List<PodSandbox> sandboxes = runtime.listPodSandboxes(PodSandboxFilter.newBuilder()
            .putLabelSelector(PodLabels.POD_NAMESPACE, request.namespace())
            .putLabelSelector(PodLabels.POD_NAME, request.name()).build());
        for (PodSandbox sandbox : sandboxes) {
            runtime.listContainers(ContainerFilter.newBuilder().setPodSandboxId(sandbox.getId()).build()).parallelStream()
                .filter(container -> container.getState() == ContainerState.CONTAINER_RUNNING)
                .forEach(container -> runtime.stopContainer(container.getId(), grace));
            runtime.stopPodSandbox(sandbox.getId());
            runtime.removePodSandbox(sandbox.getId());
            log.info("Pod {}: sandbox {} removed", request, sandbox.getId());
        }
    }

    private Duration grace(Pod pod) {
        Long seconds = pod.getMetadata().getDeletionGracePeriodSeconds() != null
            ? pod.getMetadata().getDeletionGracePeriodSeconds() : pod.getSpec().getTerminationGracePeriodSeconds();
        return seconds == null ? DEFAULT_GRACE : Duration.ofSeconds(seconds);
    }
}
