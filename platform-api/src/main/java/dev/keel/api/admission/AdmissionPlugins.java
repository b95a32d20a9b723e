package dev.keel.api.admission;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The admission plugins by name, in the order they run: the one place that order is written, as kube-apiserver
 * writes its {@code AllOrderedPlugins}. A request goes through every {@link #mutating} plugin, then the
 * {@link #schemaValidating} ones (a kind's schema: a 422 there stops the request before the validating plugins),
 * then every {@link #validating} plugin, whose errors are reported together. Each plugin returns early for kinds it
 * does not handle.
 *
 * <p>A new plugin is a Spring bean implementing {@link MutatingAdmission} or {@link ValidatingAdmission}; its
 * {@code name()} (by default its simple class name) goes into the list below where it must run. A bean whose name is
 * not listed stops startup, so no plugin runs in an order nobody wrote down; a listed name without a bean is skipped.
 *
 * @param mutating         defaulting and allocations, in order
 * @param schemaValidating checks of an object against its kind's schema, after mutation
 * @param validating       the validating plugins, in order
 */
public record AdmissionPlugins(List<String> mutating, List<String> schemaValidating, List<String> validating) {

    /** The chain platform-api serves with. */
    public static final AdmissionPlugins ORDER = new AdmissionPlugins(
            List.of(
                    // Defaulting of each kind (independent of each other: each handles its own kind).
                    "CronJobDefaulting",
                    "CustomResourceDefinitionDefaulting",
                    "DaemonSetDefaulting",
                    "DeploymentDefaulting",
                    "EndpointSliceDefaulting",
                    "EndpointsDefaulting",
                    "JobDefaulting",
                    "LimitRangeDefaulting",
                    "NamespaceDefaulting",
                    "NodeDefaulting",
                    "PersistentVolumeClaimDefaulting",
                    "PodDefaulting",
                    "PolicyDefaulting",
                    "PriorityClassDefaulting",
                    "ReplicaSetDefaulting",
                    "ReplicationControllerDefaulting",
                    "SecretDefaulting",
                    "ServiceDefaulting",
                    "StatefulSetDefaulting",
                    "WebhookDefaults",
                    // After the pod's own defaults: the namespace's LimitRange defaults, then the default
                    // not-ready/unreachable tolerations (kube-apiserver's LimitRanger, DefaultTolerationSeconds).
                    "PodLimitDefaults",
                    "DefaultTolerationSeconds",
                    // Mutating webhooks see the object with every built-in default (kube-apiserver's
                    // MutatingAdmissionWebhook comes after LimitRanger and DefaultTolerationSeconds).
                    "MutatingWebhookAdmission",
                    // Last: cluster IPs and node ports are taken only for objects every default is in.
                    "ServiceAllocations"),
            List.of(),
            List.of(
                    // Metadata first, so its errors lead the list of causes.
                    "ObjectMetaValidation",
                    "BindingValidation",
                    "ConfigMapValidation",
                    "CronJobValidation",
                    "CustomResourceDefinitionValidation",
                    "DaemonSetValidation",
                    "DeploymentValidation",
                    "EndpointSliceValidation",
                    "EndpointsValidation",
                    "EphemeralContainersValidation",
                    "JobValidation",
                    "LeaseValidation",
                    "LimitRangeValidation",
                    "NamespaceValidation",
                    "NodeValidation",
                    "PersistentVolumeClaimValidation",
                    "PodDisruptionBudgetValidation",
                    "PodValidation",
                    "PolicyValidation",
                    "PriorityClassValidation",
                    "ReplicaSetValidation",
                    "ReplicationControllerValidation",
                    "ResourceQuotaValidation",
                    "SecretValidation",
                    "ServiceValidation",
                    "StatefulSetValidation",
                    "WebhookConfigurationValidation",
                    // Checks against other stored objects and the user's policies, after the object itself is known
                    // valid, in kube-apiserver's order: LimitRanger, ValidatingAdmissionPolicy, the validating
                    // webhooks (each only when no field error came before), and ResourceQuota last.
                    "LimitRangeEnforcement",
                    "PolicyAdmission",
                    "ValidatingWebhookAdmission",
                    "ResourceQuotaAdmission"));

    public AdmissionPlugins {
        mutating = List.copyOf(mutating);
        schemaValidating = List.copyOf(schemaValidating);
        validating = List.copyOf(validating);
        Set<String> seen = new HashSet<>();
        for (String name : mutating) {
            requireOnce(seen, name, "mutating");
        }
        seen.clear();
        for (String name : schemaValidating) {
            requireOnce(seen, name, "schema validating");
        }
        for (String name : validating) {
            requireOnce(seen, name, "validating");
        }
    }

    private static void requireOnce(Set<String> seen, String name, String stage) {
        if (!seen.add(name)) {
            throw new IllegalArgumentException("admission plugin " + name + " is listed twice (" + stage + ")");
        }
    }
}
