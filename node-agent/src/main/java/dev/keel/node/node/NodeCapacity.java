package dev.keel.node.node;

import com.sun.management.OperatingSystemMXBean;
import dev.keel.node.NodeAgentProperties;
import io.fabric8.kubernetes.api.model.Quantity;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;

/** The node's cpu, memory and pods: configured, or the machine's own (allocatable equals capacity for now). */
public final class NodeCapacity {

    private NodeCapacity() {
    }

    public static Map<String, Quantity> of(NodeAgentProperties.Capacity configured) {
        String cpu = configured.getCpu().isEmpty()
            ? String.valueOf(java.lang.Runtime.getRuntime().availableProcessors()) : configured.getCpu();
        String memory = configured.getMemory().isEmpty()
            ? (((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize() / 1024)
                + "Ki"
            : configured.getMemory();
        return new HashMap<>(Map.of("cpu", new Quantity(cpu), "memory", new Quantity(memory),
            "pods", new Quantity(String.valueOf(configured.getPods()))));
    }
}
