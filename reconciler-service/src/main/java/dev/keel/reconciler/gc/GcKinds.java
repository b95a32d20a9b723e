package dev.keel.reconciler.gc;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The kinds the garbage collector watches: every kind platform-api serves except Events (short-lived, numerous, and
 * never owners). A kind added to platform-api is added here with its model class: an object of a kind left out that
 * is deleted in the foreground (or orphaning) keeps its finalizer for ever. Custom kinds (from established
 * CustomResourceDefinitions) come and go at run time, as {@link CustomKindMonitors} starts and stops their informers;
 * a custom kind never shadows a built-in one of the same group and kind.
 */
public final class GcKinds {

    private final List<GcKind> kinds;
    private final Map<String, GcKind> byQualifiedName;
    private final Map<String, GcKind> custom = new ConcurrentHashMap<>();

    public GcKinds(List<Class<? extends HasMetadata>> types) {
        this.kinds = types.stream().map(GcKind::of).toList();
        this.byQualifiedName = kinds.stream().collect(Collectors.toMap(GcKind::qualifiedName, Function.identity()));
    }

    public static GcKinds served() {
        return new GcKinds(List.of(Pod.class, Service.class, Endpoints.class, ConfigMap.class, Secret.class,
                ServiceAccount.class, PersistentVolumeClaim.class, Node.class, Namespace.class, Deployment.class,
                ReplicaSet.class, StatefulSet.class, DaemonSet.class, Job.class, CronJob.class, Lease.class,
                EndpointSlice.class, PriorityClass.class, ResourceQuota.class, LimitRange.class,
                ReplicationController.class, PodDisruptionBudget.class,
                MutatingWebhookConfiguration.class, ValidatingWebhookConfiguration.class,
                ValidatingAdmissionPolicy.class,
                ValidatingAdmissionPolicyBinding.class, CustomResourceDefinition.class));
    }

    /** The built-in kinds, then the custom kinds followed now. */
    public List<GcKind> all() {
        if (custom.isEmpty()) {
            return kinds;
        }
        List<GcKind> all = new ArrayList<>(kinds);
        all.addAll(custom.values());
        return all;
    }

    /** The custom kinds followed now. */
    public List<GcKind> custom() {
        return List.copyOf(custom.values());
    }

    /** Follows a custom kind from now on; false (and ignored) when it would shadow a built-in kind. */
    boolean addCustom(GcKind kind) {
        if (byQualifiedName.containsKey(kind.qualifiedName())) {
            return false;
        }
        custom.put(kind.qualifiedName(), kind);
        return true;
    }

    void removeCustom(String qualifiedName) {
        custom.remove(qualifiedName);
    }

    /** The kind an ownerReference names, by apiVersion's group and kind (any version of the group). */
    public Optional<GcKind> find(String apiVersion, String kind) {
        String group = GcKind.groupOf(apiVersion);
        return byQualifiedName(group.isEmpty() ? kind : kind + "." + group);
    }

    public Optional<GcKind> byQualifiedName(String qualifiedName) {
        GcKind builtin = byQualifiedName.get(qualifiedName);
        return builtin != null ? Optional.of(builtin) : Optional.ofNullable(custom.get(qualifiedName));
    }
}
