package dev.keel.node.pod;

import dev.keel.node.config.ContainerEnv;
import dev.keel.node.cri.v1.ContainerConfig;
import dev.keel.node.cri.v1.ContainerMetadata;
import dev.keel.node.cri.v1.ImageSpec;
import dev.keel.node.cri.v1.KeyValue;
import dev.keel.node.cri.v1.LinuxContainerConfig;
import dev.keel.node.cri.v1.LinuxContainerResources;
import dev.keel.node.cri.v1.LinuxContainerSecurityContext;
import dev.keel.node.cri.v1.LinuxPodSandboxConfig;
import dev.keel.node.cri.v1.LinuxSandboxSecurityContext;
import dev.keel.node.cri.v1.Mount;
import dev.keel.node.cri.v1.NamespaceMode;
import dev.keel.node.cri.v1.NamespaceOption;
import dev.keel.node.cri.v1.PodSandboxConfig;
import dev.keel.node.cri.v1.PodSandboxMetadata;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Turns a pod and its containers into the CRI's sandbox and container configurations. */
public final class CriConfigs {

    /** CFS period the CPU limit is expressed in, as the kubelet uses. */
    private static final long CPU_PERIOD_MICROS = 100_000;

    private CriConfigs() {
    }

    public static PodSandboxConfig sandbox(Pod pod, Path logRoot, int attempt) {
        var meta = pod.getMetadata();
        boolean hostNetwork = Boolean.TRUE.equals(pod.getSpec().getHostNetwork());
        String hostname = pod.getSpec().getHostname() != null ? pod.getSpec().getHostname() : meta.getName();
        return PodSandboxConfig.newBuilder()
            .setMetadata(PodSandboxMetadata.newBuilder().setName(meta.getName()).setNamespace(meta.getNamespace())
                .setUid(meta.getUid()).setAttempt(attempt))
            .setHostname(hostname)
            .setLogDirectory(logDirectory(pod, logRoot).toString())
            .putAllLabels(podLabels(pod))
            .setLinux(LinuxPodSandboxConfig.newBuilder().setSecurityContext(LinuxSandboxSecurityContext.newBuilder()
                .setNamespaceOptions(NamespaceOption.newBuilder()
                    .setNetwork(hostNetwork ? NamespaceMode.NODE : NamespaceMode.POD)
                    .setPid(NamespaceMode.CONTAINER))))
            .build();
    }

    /** pods/NAMESPACE_NAME_UID under the log root, as the kubelet lays them out. */
    public static Path logDirectory(Pod pod, Path logRoot) {
        var meta = pod.getMetadata();
        return logRoot.resolve(meta.getNamespace() + "_" + meta.getName() + "_" + meta.getUid());
    }

    /**
     * The container's CRI config with its resolved environment and bind mounts; {@code $(VAR)} in command and args
     * refers to the environment, as in Kubernetes.
     */
    public static ContainerConfig container(Pod pod, Container container, int attempt, Map<String, String> env,
        List<Mount> mounts) {
        return container(pod, container, attempt, env, mounts, null);
    }

    /**
     * As above; {@code pidTarget} is the id of a running container whose process namespace this one joins (the
     * target of an ephemeral container, CRI's {@code NamespaceMode.TARGET}), or null for a namespace of its own.
     */
    public static ContainerConfig container(Pod pod, Container container, int attempt, Map<String, String> env,
        List<Mount> mounts, String pidTarget) {
        NamespaceOption.Builder namespaces = pidTarget == null
            ? NamespaceOption.newBuilder().setPid(NamespaceMode.CONTAINER)
            : NamespaceOption.newBuilder().setPid(NamespaceMode.TARGET).setTargetId(pidTarget);
        ContainerConfig.Builder config = ContainerConfig.newBuilder()
            .setMetadata(ContainerMetadata.newBuilder().setName(container.getName()).setAttempt(attempt))
            .setImage(ImageSpec.newBuilder().setImage(container.getImage()))
            .setLogPath(container.getName() + "/" + attempt + ".log")
            .putAllLabels(podLabels(pod))
            .putLabels(PodLabels.CONTAINER_NAME, container.getName())
            .setStdin(Boolean.TRUE.equals(container.getStdin()))
            .setStdinOnce(Boolean.TRUE.equals(container.getStdinOnce()))
            .setTty(Boolean.TRUE.equals(container.getTty()))
            .addAllMounts(mounts)
            .setLinux(LinuxContainerConfig.newBuilder()
                .setResources(resources(container))
                .setSecurityContext(LinuxContainerSecurityContext.newBuilder()
                    .setNamespaceOptions(namespaces)));
        if (container.getCommand() != null) {
            container.getCommand().forEach(part -> config.addCommand(ContainerEnv.expand(part, env)));
        }
        if (container.getArgs() != null) {
            container.getArgs().forEach(part -> config.addArgs(ContainerEnv.expand(part, env)));
        }
        if (container.getWorkingDir() != null) {
            config.setWorkingDir(container.getWorkingDir());
        }
        env.forEach((key, value) -> config.addEnvs(KeyValue.newBuilder().setKey(key).setValue(value)));
        return config.build();
    }

    /** Requests become CPU shares, limits a CFS quota and a memory limit, as the kubelet maps them. */
    static LinuxContainerResources resources(Container container) {
        LinuxContainerResources.Builder resources = LinuxContainerResources.newBuilder();
        var requirements = container.getResources();
        Map<String, Quantity> requests = requirements == null ? null : requirements.getRequests();
        Map<String, Quantity> limits = requirements == null ? null : requirements.getLimits();
        Quantity cpuRequest = requests != null ? requests.get("cpu") : null;
        Quantity cpuLimit = limits != null ? limits.get("cpu") : null;
        Quantity request = cpuRequest != null ? cpuRequest : cpuLimit;
        long shares = request == null ? 2 : Math.max(2, milli(request) * 1024 / 1000);
        resources.setCpuShares(shares);
        if (cpuLimit != null) {
            resources.setCpuPeriod(CPU_PERIOD_MICROS).setCpuQuota(Math.max(1000, milli(cpuLimit) * CPU_PERIOD_MICROS / 1000));
        }
        Quantity memoryLimit = limits != null ? limits.get("memory") : null;
        if (memoryLimit != null) {
            resources.setMemoryLimitInBytes(Quantity.getAmountInBytes(memoryLimit).longValue());
        }
        return resources.build();
    }

    private static long milli(Quantity cpu) {
        return Quantity.getAmountInBytes(cpu).multiply(BigDecimal.valueOf(1000)).longValue();
    }

    private static Map<String, String> podLabels(Pod pod) {
        var meta = pod.getMetadata();
        return Map.of(PodLabels.POD_UID, meta.getUid(), PodLabels.POD_NAME, meta.getName(),
            PodLabels.POD_NAMESPACE, meta.getNamespace());
    }
}
