package dev.keel.node.server.metrics;

import dev.keel.node.cri.v1.Container;
import dev.keel.node.cri.v1.ContainerFilter;
import dev.keel.node.cri.v1.ContainerState;
import dev.keel.node.cri.v1.ContainerStateValue;
import dev.keel.node.cri.v1.ContainerStats;
import dev.keel.node.pod.PodLabels;
import dev.keel.node.runtime.ContainerRuntime;
import dev.keel.node.runtime.ContainerRuntimeException;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.ContainerMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.ContainerMetricsBuilder;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.NodeMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.NodeMetricsBuilder;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetricsBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CPU and memory of the pods running here, from the runtime's ContainerStats, in metrics.k8s.io's shapes. CPU is
 * the runtime's usage_nano_cores when it gives one; otherwise the rate between this sample of the cumulative
 * usage and the previous one (the first sample of a container reads as 0). Memory is the working set. The node's
 * usage is the sum of its pods' (the agent does not measure processes outside its pods).
 */
public class ResourceMetrics {

    private final ContainerRuntime runtime;
    private final String nodeName;
    private final Clock clock;
    private final Map<String, Sample> previous = new ConcurrentHashMap<>();

    private record Sample(Instant at, long cumulativeNanos) {
    }

    /** One running container's usage, unrounded: CPU in nanocores, memory working set in bytes. */
    public record Usage(String namespace, String pod, String container, long nanoCores, long memoryBytes) {
    }

    public ResourceMetrics(ContainerRuntime runtime, String nodeName, Clock clock) {
        this.runtime = runtime;
        this.nodeName = nodeName;
        this.clock = clock;
    }

    public List<PodMetrics> pods() {
        Instant now = clock.instant();
        Map<String, List<Usage>> byPod = new LinkedHashMap<>();
        for (Usage usage : sample(now, true)) {
            byPod.computeIfAbsent(usage.namespace() + "/" + usage.pod(), key -> new ArrayList<>()).add(usage);
        }
        List<PodMetrics> pods = new ArrayList<>();
        byPod.forEach((key, usages) -> {
            List<ContainerMetrics> containers = usages.stream().map(usage -> new ContainerMetricsBuilder()
                .withName(usage.container()).withUsage(usage(usage.nanoCores(), usage.memoryBytes())).build()).toList();
            pods.add(new PodMetricsBuilder().withNewMetadata().withNamespace(usages.get(0).namespace())
                .withName(usages.get(0).pod()).withCreationTimestamp(now.toString()).endMetadata()
                .withTimestamp(now.toString()).withWindow(window()).withContainers(containers).build());
        });
        return pods;
    }

    public NodeMetrics node() {
        Instant now = clock.instant();
        long cpu = 0;
        long memory = 0;
        for (Usage usage : sample(now, true)) {
            cpu += usage.nanoCores();
            memory += usage.memoryBytes();
        }
        return new NodeMetricsBuilder().withNewMetadata().withName(nodeName).withCreationTimestamp(now.toString())
            .endMetadata().withTimestamp(now.toString()).withWindow(window()).withUsage(usage(cpu, memory)).build();
    }

    /**
     * The running containers' usage as measured now, without rounding, for readers other than metrics.k8s.io (the
     * stats Summary). It leaves the samples alone: only {@link #pods} and {@link #node} advance them, so another
     * reader does not shorten the window their CPU rate is measured over.
     */
    public List<Usage> usage() {
        return sample(clock.instant(), false);
    }

    private List<Usage> sample(Instant now, boolean advance) {
        List<Container> running = runtime.listContainers(ContainerFilter.newBuilder()
            .setState(ContainerStateValue.newBuilder().setState(ContainerState.CONTAINER_RUNNING)).build());
        List<Usage> usages = new ArrayList<>();
        for (Container container : running) {
            Map<String, String> labels = container.getLabelsMap();
            if (!labels.containsKey(PodLabels.POD_NAME)) {
                continue;
            }
            ContainerStats stats;
            try {
                stats = runtime.containerStats(container.getId());
            } catch (ContainerRuntimeException e) {
                if (e.kind() == ContainerRuntimeException.Kind.NOT_FOUND) {
                    continue; // gone between the list and the stats call
                }
                throw e;
            }
            usages.add(new Usage(labels.get(PodLabels.POD_NAMESPACE), labels.get(PodLabels.POD_NAME),
                labels.getOrDefault(PodLabels.CONTAINER_NAME, container.getMetadata().getName()),
                nanoCores(container.getId(), stats, now, advance), stats.getMemory().getWorkingSetBytes().getValue()));
        }
        if (advance) {
            previous.keySet().retainAll(running.stream().map(Container::getId).toList());
        }
        return usages;
    }

    private long nanoCores(String id, ContainerStats stats, Instant now, boolean advance) {
        long given = stats.getCpu().getUsageNanoCores().getValue();
        long cumulative = stats.getCpu().getUsageCoreNanoSeconds().getValue();
        Sample last = advance ? previous.put(id, new Sample(now, cumulative)) : previous.get(id);
        if (given > 0) {
            return given;
        }
        if (last == null || cumulative < last.cumulativeNanos()) {
            return 0;
        }
        long elapsedNanos = Duration.between(last.at(), now).toNanos();
        return elapsedNanos <= 0 ? 0 : (long) ((cumulative - last.cumulativeNanos()) * 1e9 / elapsedNanos);
    }

    private static Map<String, Quantity> usage(long nanoCores, long memoryBytes) {
        Map<String, Quantity> usage = new LinkedHashMap<>();
        usage.put("cpu", new Quantity(nanoCores + "n"));
        usage.put("memory", new Quantity((memoryBytes / 1024) + "Ki"));
        return usage;
    }

    /** The CRI does not say over which period usage_nano_cores was measured; 10s is nominal, as metrics-server's. */
    private static io.fabric8.kubernetes.api.model.Duration window() {
        return new io.fabric8.kubernetes.api.model.Duration(Duration.ofSeconds(10));
    }
}
