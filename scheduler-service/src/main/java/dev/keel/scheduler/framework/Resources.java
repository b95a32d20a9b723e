package dev.keel.scheduler.framework;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;

/**
 * An amount of node resources: cpu in millicores, memory in bytes, a pod count and scalar resources (extended
 * resources such as {@code nvidia.com/gpu}, hugepages, ephemeral-storage) by name, in their base units.
 */
public record Resources(long milliCpu, long memory, long pods, Map<String, Long> scalars) {

    public static final Resources ZERO = new Resources(0, 0, 0, Map.of());

    public static final String CPU = "cpu";
    public static final String MEMORY = "memory";
    public static final String PODS = "pods";

    public Resources {
        scalars = Map.copyOf(scalars);
    }

    /** Reads a resource list such as a container's requests or a node's allocatable; null reads as zero. */
    public static Resources of(Map<String, Quantity> list) {
        if (list == null || list.isEmpty()) {
            return ZERO;
        }
        long cpu = 0;
        long memory = 0;
        long pods = 0;
        Map<String, Long> scalars = new HashMap<>();
        for (Map.Entry<String, Quantity> entry : list.entrySet()) {
            BigDecimal amount = entry.getValue().getNumericalAmount();
            switch (entry.getKey()) {
                case CPU -> cpu = amount.movePointRight(3).setScale(0, RoundingMode.CEILING).longValueExact();
                case MEMORY -> memory = ceil(amount);
                case PODS -> pods = ceil(amount);
                default -> scalars.put(entry.getKey(), ceil(amount));
            }
        }
        return new Resources(cpu, memory, pods, scalars);
    }

    private static long ceil(BigDecimal amount) {
        return amount.setScale(0, RoundingMode.CEILING).longValueExact();
    }

    public Resources plus(Resources other) {
        return combine(other, 1);
    }

    public Resources minus(Resources other) {
        return combine(other, -1);
    }

    private Resources combine(Resources other, int sign) {
        if (scalars.isEmpty() && other.scalars.isEmpty()) {
            return new Resources(milliCpu + sign * other.milliCpu, memory + sign * other.memory, pods + sign * other.pods, Map.of());
        }
        Map<String, Long> merged = new HashMap<>(scalars);
        other.scalars.forEach((name, value) -> merged.merge(name, sign * value, Long::sum));
        return new Resources(milliCpu + sign * other.milliCpu, memory + sign * other.memory, pods + sign * other.pods, merged);
    }

    /** The larger of each resource. */
    public Resources max(Resources other) {
        Map<String, Long> merged = new HashMap<>(scalars);
        other.scalars.forEach((name, value) -> merged.merge(name, value, Math::max));
        return new Resources(Math.max(milliCpu, other.milliCpu), Math.max(memory, other.memory),
                Math.max(pods, other.pods), merged);
    }

    public long scalar(String name) {
        return scalars.getOrDefault(name, 0L);
    }

    /** The amount of a named resource: cpu (millicores), memory, pods or a scalar. */
    public long get(String name) {
        return switch (name) {
            case CPU -> milliCpu;
            case MEMORY -> memory;
            case PODS -> pods;
            default -> scalar(name);
        };
    }
}
