package dev.keel.node.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keel.node.cri.v1.ContainerConfig;
import dev.keel.node.cri.v1.ContainerMetadata;
import dev.keel.node.cri.v1.ContainerStats;
import dev.keel.node.cri.v1.CpuUsage;
import dev.keel.node.cri.v1.ImageSpec;
import dev.keel.node.cri.v1.MemoryUsage;
import dev.keel.node.cri.v1.PodSandboxConfig;
import dev.keel.node.cri.v1.PodSandboxMetadata;
import dev.keel.node.cri.v1.UInt64Value;
import dev.keel.node.pod.PodLabels;
import dev.keel.node.server.metrics.ResourceMetrics;
import dev.keel.node.simulated.SimulatedBehaviour;
import dev.keel.node.simulated.SimulatedRuntime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** {@code /stats/summary} reports the runtime's numbers unrounded and does not disturb {@code kubectl top}'s window. */
class NodeInfoEndpointsTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    /** Cumulative CPU only (no usage_nano_cores), as containerd reports for a first sample. */
    private final AtomicLong cumulativeNanos = new AtomicLong();
    private final SimulatedRuntime runtime = new SimulatedRuntime(clock, SimulatedBehaviour.runForever(),
        "10.244.7.0/24") {
        @Override
        public ContainerStats containerStats(String containerId) {
            return ContainerStats.newBuilder()
                .setCpu(CpuUsage.newBuilder().setUsageCoreNanoSeconds(UInt64Value.newBuilder()
                    .setValue(cumulativeNanos.get())))
                .setMemory(MemoryUsage.newBuilder().setWorkingSetBytes(UInt64Value.newBuilder().setValue(4097)))
                .build();
        }
    };

    @Test
    void theSummaryIsUnroundedAndLeavesTheCpuSamplesAlone() throws Exception {
        running("shop", "web", "app");
        ResourceMetrics metrics = new ResourceMetrics(runtime, "node-1", clock);
        NodeInfoEndpoints endpoints = new NodeInfoEndpoints("node-1", List::of, Optional::empty, metrics, clock);
        metrics.pods(); // kubectl top's first sample: cumulative 0 at t=0

        now.set(now.get().plusSeconds(10));
        cumulativeNanos.set(10_000_000_000L); // one core busy for 10 s
        JsonNode summary = new ObjectMapper().readTree(endpoints.answer("/stats/summary").orElseThrow().body());
        JsonNode container = summary.at("/pods/0/containers/0");
        assertThat(container.at("/name").asText()).isEqualTo("app");
        assertThat(container.at("/memory/workingSetBytes").asLong()).as("bytes, not KiB").isEqualTo(4097);
        assertThat(container.at("/cpu/usageNanoCores").asLong()).isEqualTo(1_000_000_000L);
        assertThat(summary.at("/node/memory/workingSetBytes").asLong()).isEqualTo(4097);

        now.set(now.get().plusSeconds(10)); // idle for the next 10 s
        assertThat(metrics.pods().get(0).getContainers().get(0).getUsage().get("cpu").toString())
            .as("the rate over top's own 20 s window, not over the 10 s since the summary was read")
            .isEqualTo("500000000n");
    }

    private void running(String namespace, String pod, String container) {
        PodSandboxConfig sandboxConfig = PodSandboxConfig.newBuilder().setMetadata(PodSandboxMetadata.newBuilder()
            .setName(pod).setNamespace(namespace).setUid("uid-1")).build();
        String sandbox = runtime.runPodSandbox(sandboxConfig);
        runtime.pullImage("busybox", sandboxConfig);
        String id = runtime.createContainer(sandbox, ContainerConfig.newBuilder()
            .setMetadata(ContainerMetadata.newBuilder().setName(container))
            .putLabels(PodLabels.POD_NAMESPACE, namespace).putLabels(PodLabels.POD_NAME, pod)
            .putLabels(PodLabels.CONTAINER_NAME, container)
            .setImage(ImageSpec.newBuilder().setImage("busybox")).build(), sandboxConfig);
        runtime.startContainer(id);
    }
}
