package dev.keel.api.admission.defaults;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A pod's quality-of-service class, from the CPU and memory its containers request and are limited to. */
public final class QosClasses {

    private static final Set<String> COMPUTE = Set.of("cpu", "memory");

    private QosClasses() {
    }

    /**
     * {@code BestEffort} when nothing is requested or limited, {@code Guaranteed} when every container limits
     * both CPU and memory and the requests equal the limits, otherwise {@code Burstable}.
     */
    public static String of(PodSpec spec) {
        Map<String, BigDecimal> requests = new HashMap<>();
        Map<String, BigDecimal> limits = new HashMap<>();
        boolean guaranteed = true;
        List<Container> containers = new ArrayList<>();
        if (spec.getInitContainers() != null) {
            containers.addAll(spec.getInitContainers());
        }
        if (spec.getContainers() != null) {
            containers.addAll(spec.getContainers());
        }
        for (Container container : containers) {
            ResourceRequirements resources = container.getResources();
            Map<String, Quantity> containerRequests = resources == null || resources.getRequests() == null ? Map.of() : resources.getRequests();
            Map<String, Quantity> containerLimits = resources == null || resources.getLimits() == null ? Map.of() : resources.getLimits();
            add(requests, containerRequests, null);
            Set<String> limited = new HashSet<>();
            add(limits, containerLimits, limited);
            if (!limited.containsAll(COMPUTE)) {
                guaranteed = false;
            }
        }
        if (requests.isEmpty() && limits.isEmpty()) {
            return "BestEffort";
        }
        if (guaranteed) {
            for (Map.Entry<String, BigDecimal> request : requests.entrySet()) {
                BigDecimal limit = limits.get(request.getKey());
                if (limit == null || limit.compareTo(request.getValue()) != 0) {
                    guaranteed = false;
                    break;
                }
            }
        }
        return guaranteed && requests.size() == limits.size() ? "Guaranteed" : "Burstable";
    }

    private static void add(Map<String, BigDecimal> totals, Map<String, Quantity> quantities, Set<String> seen) {
        quantities.forEach((name, quantity) -> {
            if (!COMPUTE.contains(name)) {
                return;
            }
            BigDecimal value = amount(quantity);
            if (value.signum() > 0) {
                totals.merge(name, value, BigDecimal::add);
                if (seen != null) {
                    seen.add(name);
                }
            }
        });
    }

    private static BigDecimal amount(Quantity quantity) {
        try {
            return Quantity.getAmountInBytes(quantity);
        } catch (ArithmeticException | IllegalArgumentException unparsable) {
            // Validation reports the bad quantity; for the class it counts as nothing.
            return BigDecimal.ZERO;
        }
    }
}
