package dev.keel.api.resource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Event;
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
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
import java.util.List;
import java.util.Set;

/** The built-in kinds, with the names, short names and subresources Kubernetes gives them. */
public final class BuiltinResources {

    private BuiltinResources() {
    }

    public static ResourceRegistry registry() {
        return new ResourceRegistry(List.of(
                core("Namespace", "namespaces", false, List.of("ns"), List.of(), Set.of("status", "finalize"), Namespace.class, false),
                core("Pod", "pods", true, List.of("po"), List.of("all"),
                        Set.of("status", "binding", "eviction", "log", "exec", "attach", "portforward", "ephemeralcontainers",
                                "proxy"), Pod.class, false),
                core("Service", "services", true, List.of("svc"), List.of("all"), Set.of("status", "proxy"), Service.class,
                        false),
                core("Endpoints", "endpoints", true, List.of("ep"), List.of(), Set.of(), Endpoints.class, false),
                core("Node", "nodes", false, List.of("no"), List.of(), Set.of("status", "proxy"), Node.class, false),
                core("ConfigMap", "configmaps", true, List.of("cm"), List.of(), Set.of(), ConfigMap.class, false),
                core("Secret", "secrets", true, List.of(), List.of(), Set.of(), Secret.class, false),
                core("Event", "events", true, List.of("ev"), List.of(), Set.of(), Event.class, false),
                core("ServiceAccount", "serviceaccounts", true, List.of("sa"), List.of(), Set.of(), ServiceAccount.class, false),
                core("PersistentVolumeClaim", "persistentvolumeclaims", true, List.of("pvc"), List.of(), Set.of("status"),
                        PersistentVolumeClaim.class, false),
                core("ResourceQuota", "resourcequotas", true, List.of("quota"), List.of(), Set.of("status"), ResourceQuota.class, false),
                core("LimitRange", "limitranges", true, List.of("limits"), List.of(), Set.of(), LimitRange.class, false),
                core("ReplicationController", "replicationcontrollers", true, List.of("rc"), List.of("all"),
                        Set.of("status", "scale"), ReplicationController.class, true),
                type("apps", "v1", "Deployment", "deployments", true, List.of("deploy"), List.of("all"),
                        Set.of("status", "scale"), Deployment.class, true),
                type("apps", "v1", "ReplicaSet", "replicasets", true, List.of("rs"), List.of("all"),
                        Set.of("status", "scale"), ReplicaSet.class, true),
                type("apps", "v1", "StatefulSet", "statefulsets", true, List.of("sts"), List.of("all"),
                        Set.of("status", "scale"), StatefulSet.class, true),
                type("apps", "v1", "DaemonSet", "daemonsets", true, List.of("ds"), List.of("all"),
                        Set.of("status"), DaemonSet.class, true),
                type("batch", "v1", "Job", "jobs", true, List.of(), List.of("all"), Set.of("status"), Job.class, true),
                type("batch", "v1", "CronJob", "cronjobs", true, List.of("cj"), List.of("all"), Set.of("status"), CronJob.class, true),
                type("coordination.k8s.io", "v1", "Lease", "leases", true, List.of(), List.of(), Set.of(), Lease.class, false),
                type("discovery.k8s.io", "v1", "EndpointSlice", "endpointslices", true, List.of(), List.of(), Set.of(),
                        EndpointSlice.class, false),
                type("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", true, List.of("pdb"), List.of(),
                        Set.of("status"), PodDisruptionBudget.class, true),
                type("scheduling.k8s.io", "v1", "PriorityClass", "priorityclasses", false, List.of("pc"), List.of(), Set.of(),
                        PriorityClass.class, false),
                type("admissionregistration.k8s.io", "v1", "MutatingWebhookConfiguration", "mutatingwebhookconfigurations",
                        false, List.of(), List.of("api-extensions"), Set.of(), MutatingWebhookConfiguration.class, false),
                type("admissionregistration.k8s.io", "v1", "ValidatingWebhookConfiguration", "validatingwebhookconfigurations",
                        false, List.of(), List.of("api-extensions"), Set.of(), ValidatingWebhookConfiguration.class, false),
                type("admissionregistration.k8s.io", "v1", "ValidatingAdmissionPolicy", "validatingadmissionpolicies", false,
                        List.of(), List.of("api-extensions"), Set.of("status"), ValidatingAdmissionPolicy.class, true),
                type("admissionregistration.k8s.io", "v1", "ValidatingAdmissionPolicyBinding",
                        "validatingadmissionpolicybindings", false, List.of(), List.of("api-extensions"), Set.of(),
                        ValidatingAdmissionPolicyBinding.class, true),
                type("apiextensions.k8s.io", "v1", "CustomResourceDefinition", "customresourcedefinitions", false, List.of("crd", "crds"),
                        List.of("api-extensions"), Set.of("status"), CustomResourceDefinition.class, true)));
    }

    private static ResourceType core(String kind, String plural, boolean namespaced, List<String> shortNames,
            List<String> categories, Set<String> subresources, Class<? extends HasMetadata> model, boolean hasSpec) {
        return type("", "v1", kind, plural, namespaced, shortNames, categories, subresources, model, hasSpec);
    }

    private static ResourceType type(String group, String version, String kind, String plural, boolean namespaced,
            List<String> shortNames, List<String> categories, Set<String> subresources,
            Class<? extends HasMetadata> model, boolean hasSpec) {
        return new ResourceType(group, version, kind, plural, kind.toLowerCase(), namespaced, shortNames, categories,
                subresources, model, hasSpec);
    }
}
