package dev.keel.api.admission.quota;

import dev.keel.api.resource.ResourceType;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one object counts against a quota, as Kubernetes' quota evaluators measure it: every object its
 * {@code count/<resource>}; pods that have not finished also {@code pods} and their requests and limits (the sum
 * of the containers, or the largest init container when that is more, plus overhead); services their node ports
 * and load balancers; claims the storage they request.
 */
public final class ObjectUsage {

    private ObjectUsage() {
    }

    public static Map<String, Amount> of(ResourceType type, HasMetadata object) {
        Map<String, Amount> usage = new TreeMap<>();
        usage.put(QuotaResourceNames.objectCount(type), Amount.ONE);
        if (!type.group().isEmpty()) {
            return usage;
        }
        switch (type.kind()) {
            case "Pod" -> podUsage((Pod) object, usage);
            case "Service" -> serviceUsage((Service) object, usage);
            case "PersistentVolumeClaim" -> claimUsage((PersistentVolumeClaim) object, usage);
            case "Secret" -> usage.put("secrets", Amount.ONE);
            case "ConfigMap" -> usage.put("configmaps", Amount.ONE);
            case "ReplicationController" -> usage.put("replicationcontrollers", Amount.ONE);
            case "ResourceQuota" -> usage.put("resourcequotas", Amount.ONE);
            default -> {
            }
        }
        return usage;
    }

    /** A pod that finished, or whose deletion grace period has run out, no longer holds compute resources. */
    static boolean holdsResources(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
            return false;
        }
        String deletion = pod.getMetadata().getDeletionTimestamp();
        if (deletion != null && !deletion.isEmpty()) {
            long grace = pod.getMetadata().getDeletionGracePeriodSeconds() == null ? 0
                    : pod.getMetadata().getDeletionGracePeriodSeconds();
            try {
                return java.time.Instant.parse(deletion).plusSeconds(grace).isAfter(java.time.Instant.now());
            } catch (java.time.format.DateTimeParseException unparsable) {
                return true;
            }
        }
        return true;
    }

    private static void podUsage(Pod pod, Map<String, Amount> usage) {
        if (!holdsResources(pod) || pod.getSpec() == null) {
            return;
        }
        Map<String, Amount> requests = podTotal(pod.getSpec(), true);
        Map<String, Amount> limits = podTotal(pod.getSpec(), false);
        usage.putAll(computeUsage(requests, limits));
    }

    /** The resources a container (or pod) with these requests and limits is charged for, {@code pods} included. */
    static Map<String, Amount> computeUsage(Map<String, Amount> requests, Map<String, Amount> limits) {
        Map<String, Amount> usage = new TreeMap<>();
        usage.put("pods", Amount.ONE);
        for (String resource : List.of("cpu", "memory", "ephemeral-storage")) {
            Amount request = requests.get(resource);
            if (request != null) {
                usage.put(resource, request);
                usage.put("requests." + resource, request);
            }
            Amount limit = limits.get(resource);
            if (limit != null) {
                usage.put("limits." + resource, limit);
            }
        }
        return usage;
    }

    /** Requests (or limits) of a pod: the containers' sum or the largest init container, plus the overhead. */
    public static Map<String, Amount> podTotal(PodSpec spec, boolean requests) {
        Map<String, Amount> total = new TreeMap<>();
        for (Container container : spec.getContainers() == null ? List.<Container>of() : spec.getContainers()) {
            amounts(container, requests).forEach((name, amount) -> total.merge(name, amount, Amount::plus));
        }
        for (Container init : spec.getInitContainers() == null ? List.<Container>of() : spec.getInitContainers()) {
            amounts(init, requests).forEach((name, amount) -> total.merge(name, amount,
                    (a, b) -> a.compareTo(b) >= 0 ? a : b));
        }
        if (spec.getOverhead() != null) {
            for (Map.Entry<String, Quantity> entry : spec.getOverhead().entrySet()) {
                Amount amount = Amount.of(entry.getValue());
                if (amount != null && total.containsKey(entry.getKey())) {
                    total.merge(entry.getKey(), amount, Amount::plus);
                }
            }
        }
        return total;
    }

    /** A container's requests or limits, skipping what does not parse (validation reports those). */
    static Map<String, Amount> amounts(Container container, boolean requests) {
        Map<String, Amount> result = new TreeMap<>();
        if (container.getResources() == null) {
            return result;
        }
        Map<String, Quantity> list = requests ? container.getResources().getRequests() : container.getResources().getLimits();
        if (list != null) {
            list.forEach((name, quantity) -> {
                Amount amount = Amount.of(quantity);
                if (amount != null) {
                    result.put(name, amount);
                }
            });
        }
        return result;
    }

    private static void serviceUsage(Service service, Map<String, Amount> usage) {
        usage.put("services", Amount.ONE);
        if (service.getSpec() == null) {
            return;
        }
        String type = service.getSpec().getType();
        List<ServicePort> ports = service.getSpec().getPorts() == null ? List.of() : service.getSpec().getPorts();
        if ("LoadBalancer".equals(type)) {
            usage.put("services.loadbalancers", Amount.ONE);
            if (!Boolean.FALSE.equals(service.getSpec().getAllocateLoadBalancerNodePorts())) {
                usage.put("services.nodeports", new Amount(java.math.BigDecimal.valueOf(ports.size()), false));
            }
        } else if ("NodePort".equals(type)) {
            usage.put("services.nodeports", new Amount(java.math.BigDecimal.valueOf(ports.size()), false));
        }
    }

    private static void claimUsage(PersistentVolumeClaim claim, Map<String, Amount> usage) {
        usage.put("persistentvolumeclaims", Amount.ONE);
        if (claim.getSpec() != null && claim.getSpec().getResources() != null
                && claim.getSpec().getResources().getRequests() != null) {
            Amount storage = Amount.of(claim.getSpec().getResources().getRequests().get("storage"));
            if (storage != null) {
                usage.put("requests.storage", storage);
            }
        }
    }
}
