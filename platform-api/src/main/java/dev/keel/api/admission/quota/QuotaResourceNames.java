package dev.keel.api.admission.quota;

import dev.keel.api.resource.ResourceType;
import java.util.Set;

/** The resource names a ResourceQuota may limit, and which of them an object of each kind can use. */
public final class QuotaResourceNames {

    /** Names without a "/" must be one of these (Kubernetes' standard quota resources). */
    public static final Set<String> STANDARD = Set.of(
            "cpu", "memory", "ephemeral-storage",
            "requests.cpu", "requests.memory", "requests.storage", "requests.ephemeral-storage",
            "limits.cpu", "limits.memory", "limits.ephemeral-storage",
            "pods", "services", "replicationcontrollers", "resourcequotas", "secrets", "configmaps",
            "persistentvolumeclaims", "services.nodeports", "services.loadbalancers");

    /** Counts: their quantities must be whole numbers. */
    public static final Set<String> INTEGER = Set.of("pods", "services", "replicationcontrollers", "resourcequotas",
            "secrets", "configmaps", "persistentvolumeclaims", "services.nodeports", "services.loadbalancers");

    /** Compute resources a pod is charged for, besides its object count. */
    static final Set<String> POD = Set.of("pods", "cpu", "memory", "ephemeral-storage",
            "requests.cpu", "requests.memory", "requests.ephemeral-storage",
            "limits.cpu", "limits.memory", "limits.ephemeral-storage");

    /**
     * If a quota limits one of these, every container must state it (a rule Kubernetes keeps for compatibility
     * and applies to these six only).
     */
    static final Set<String> MUST_SPECIFY = Set.of("cpu", "memory", "requests.cpu", "requests.memory", "limits.cpu",
            "limits.memory");

    private QuotaResourceNames() {
    }

    /** {@code count/pods}, {@code count/deployments.apps}: the object count of any resource. */
    public static String objectCount(ResourceType type) {
        return "count/" + type.plural() + (type.group().isEmpty() ? "" : "." + type.group());
    }

    /** Whether {@code name} may appear in a quota's hard limits. */
    public static boolean isValid(String name) {
        return name.contains("/") || STANDARD.contains(name) || name.startsWith("hugepages-")
                || name.startsWith("requests.hugepages-");
    }

    public static boolean isInteger(String name) {
        return INTEGER.contains(name) || name.startsWith("count/");
    }

    /** Whether objects of {@code type} are ever charged for {@code name}. */
    public static boolean tracks(ResourceType type, String name) {
        if (name.equals(objectCount(type))) {
            return true;
        }
        if (!type.group().isEmpty()) {
            return false;
        }
        return switch (type.kind()) {
            case "Pod" -> POD.contains(name);
            case "Service" -> name.equals("services") || name.equals("services.nodeports")
                    || name.equals("services.loadbalancers");
            case "PersistentVolumeClaim" -> name.equals("persistentvolumeclaims") || name.equals("requests.storage");
            case "Secret" -> name.equals("secrets");
            case "ConfigMap" -> name.equals("configmaps");
            case "ReplicationController" -> name.equals("replicationcontrollers");
            case "ResourceQuota" -> name.equals("resourcequotas");
            default -> false;
        };
    }
}
