package dev.keel.api.admission.quota;

import dev.keel.api.resource.ResourceType;
import dev.keel.api.status.ApiException;
import dev.keel.api.status.Statuses;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * One quota against one write, as Kubernetes' quota admission decides it: the quota's {@code status.hard} names the
 * resources it limits; a quota that limits nothing the object uses, or whose scopes do not match it, is left out;
 * a pod must state the CPU and memory the quota limits; the charge must fit within {@code status.hard}. Refusals
 * are 403 with Kubernetes' messages.
 */
public final class QuotaCheck {

    private QuotaCheck() {
    }

    /**
     * The quota's new {@code status.used} entries for the charged resources, or an empty map when the quota does
     * not concern this write.
     *
     * @param delta what the write adds (the object's usage, or the growth of an update)
     * @throws ApiException 403 when the quota refuses the write
     */
    public static Map<String, Amount> charge(ResourceQuota quota, ResourceType type, HasMetadata object,
            Map<String, Amount> delta) {
        Map<String, Amount> hard = amounts(quota.getStatus() == null ? null : quota.getStatus().getHard());
        Map<String, Amount> used = amounts(quota.getStatus() == null ? null : quota.getStatus().getUsed());
        Set<String> matching = hard.keySet().stream().filter(name -> QuotaResourceNames.tracks(type, name))
                .collect(Collectors.toCollection(TreeSet::new));
        if (matching.isEmpty() || !QuotaScopes.matches(quota.getSpec(), object)) {
            return Map.of();
        }
        String quotaName = quota.getMetadata().getName();
        if (object instanceof Pod pod) {
            String missing = missingRequirements(pod, matching);
            if (!missing.isEmpty()) {
                throw forbidden(type, object, "failed quota: " + quotaName + ": must specify " + missing);
            }
        }
        List<String> unknown = matching.stream().filter(name -> !used.containsKey(name)).toList();
        if (!unknown.isEmpty()) {
            throw forbidden(type, object, "status unknown for quota: " + quotaName + ", resources: " + String.join(",", unknown));
        }
        Map<String, Amount> requested = new TreeMap<>();
        delta.forEach((name, amount) -> {
            if (hard.containsKey(name)) {
                requested.put(name, amount);
            }
        });
        if (requested.isEmpty()) {
            return Map.of();
        }
        Map<String, Amount> newUsed = new TreeMap<>();
        List<String> exceeded = new ArrayList<>();
        requested.forEach((name, amount) -> {
            Amount total = used.getOrDefault(name, Amount.ZERO).plus(amount);
            newUsed.put(name, total);
            if (total.compareTo(hard.get(name)) > 0) {
                exceeded.add(name);
            }
        });
        if (!exceeded.isEmpty()) {
            throw forbidden(type, object, "exceeded quota: " + quotaName
                    + ", requested: " + print(requested, exceeded)
                    + ", used: " + print(used, exceeded)
                    + ", limited: " + print(hard, exceeded));
        }
        return newUsed;
    }

    /** {@code limits.cpu for: a,b; requests.memory for: b}, or "" when every container states what is limited. */
    static String missingRequirements(Pod pod, Set<String> matching) {
        Set<String> required = new TreeSet<>(matching);
        required.retainAll(QuotaResourceNames.MUST_SPECIFY);
        if (required.isEmpty() || pod.getSpec() == null) {
            return "";
        }
        Map<String, Set<String>> missing = new TreeMap<>();
        List<Container> containers = new ArrayList<>();
        if (pod.getSpec().getContainers() != null) {
            containers.addAll(pod.getSpec().getContainers());
        }
        if (pod.getSpec().getInitContainers() != null) {
            containers.addAll(pod.getSpec().getInitContainers());
        }
        for (Container container : containers) {
            Set<String> stated = ObjectUsage.computeUsage(ObjectUsage.amounts(container, true),
                    ObjectUsage.amounts(container, false)).keySet();
            for (String resource : required) {
                if (!stated.contains(resource)) {
                    missing.computeIfAbsent(resource, r -> new TreeSet<>()).add(container.getName());
                }
            }
        }
        return missing.entrySet().stream()
                .map(entry -> entry.getKey() + " for: " + String.join(",", entry.getValue()))
                .collect(Collectors.joining("; "));
    }

    /** Kubernetes' prettyPrint: {@code name=value} sorted by name, joined by commas; absent values are 0. */
    static String print(Map<String, Amount> amounts, List<String> names) {
        return names.stream().sorted().map(name -> name + "=" + amounts.getOrDefault(name, Amount.ZERO))
                .collect(Collectors.joining(","));
    }

    public static Map<String, Amount> amounts(Map<String, Quantity> quantities) {
        Map<String, Amount> result = new TreeMap<>();
        if (quantities != null) {
            quantities.forEach((name, quantity) -> {
                Amount amount = Amount.of(quantity);
                if (amount != null) {
                    result.put(name, amount);
                }
            });
        }
        return result;
    }

    static ApiException forbidden(ResourceType type, HasMetadata object, String why) {
        String name = object.getMetadata() == null ? null : object.getMetadata().getName();
        return Statuses.forbidden(type.group(), type.plural(), name == null || name.isEmpty() ? null : name, why);
    }
}
