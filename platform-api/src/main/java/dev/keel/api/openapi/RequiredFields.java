package dev.keel.api.openapi;

import java.util.List;
import java.util.Map;

/**
 * The fields Kubernetes marks required in the types keel serves. fabric8's classes carry no such marker, so
 * the list is kept here; it feeds the schemas' {@code required} (shown by explain as "-required-").
 * Validation itself stays on the server: kubectl only validates on its side when the server lacks
 * {@code fieldValidation}, which keel's OpenAPI always lists.
 */
final class RequiredFields {

    private static final String CORE = "io.k8s.api.core.v1.";
    private static final String META = "io.k8s.apimachinery.pkg.apis.meta.v1.";
    private static final String APPS = "io.k8s.api.apps.v1.";

    private static final Map<String, List<String>> REQUIRED = Map.ofEntries(
            Map.entry(CORE + "PodSpec", List.of("containers")),
            Map.entry(CORE + "Container", List.of("name")),
            Map.entry(CORE + "EphemeralContainer", List.of("name")),
            Map.entry(CORE + "ContainerPort", List.of("containerPort")),
            Map.entry(CORE + "EnvVar", List.of("name")),
            Map.entry(CORE + "VolumeMount", List.of("name", "mountPath")),
            Map.entry(CORE + "VolumeDevice", List.of("name", "devicePath")),
            Map.entry(CORE + "Volume", List.of("name")),
            Map.entry(CORE + "KeyToPath", List.of("key", "path")),
            Map.entry(CORE + "ConfigMapKeySelector", List.of("key")),
            Map.entry(CORE + "SecretKeySelector", List.of("key")),
            Map.entry(CORE + "ObjectFieldSelector", List.of("fieldPath")),
            Map.entry(CORE + "ResourceFieldSelector", List.of("resource")),
            Map.entry(CORE + "HTTPGetAction", List.of("port")),
            Map.entry(CORE + "HTTPHeader", List.of("name", "value")),
            Map.entry(CORE + "TCPSocketAction", List.of("port")),
            Map.entry(CORE + "GRPCAction", List.of("port")),
            Map.entry(CORE + "PersistentVolumeClaimVolumeSource", List.of("claimName")),
            Map.entry(CORE + "HostPathVolumeSource", List.of("path")),
            Map.entry(CORE + "NodeSelector", List.of("nodeSelectorTerms")),
            Map.entry(CORE + "NodeSelectorRequirement", List.of("key", "operator")),
            Map.entry(CORE + "PreferredSchedulingTerm", List.of("weight", "preference")),
            Map.entry(CORE + "PodAffinityTerm", List.of("topologyKey")),
            Map.entry(CORE + "WeightedPodAffinityTerm", List.of("weight", "podAffinityTerm")),
            Map.entry(CORE + "TopologySpreadConstraint", List.of("maxSkew", "topologyKey", "whenUnsatisfiable")),
            Map.entry(CORE + "PodReadinessGate", List.of("conditionType")),
            Map.entry(CORE + "PodSchedulingGate", List.of("name")),
            Map.entry(CORE + "Sysctl", List.of("name", "value")),
            Map.entry(CORE + "SeccompProfile", List.of("type")),
            Map.entry(CORE + "PodCondition", List.of("type", "status")),
            Map.entry(CORE + "ContainerStatus", List.of("name", "ready", "restartCount", "image", "imageID")),
            Map.entry(CORE + "ServicePort", List.of("port")),
            Map.entry(CORE + "NodeCondition", List.of("type", "status")),
            Map.entry(CORE + "NodeAddress", List.of("type", "address")),
            Map.entry(CORE + "Taint", List.of("key", "effect")),
            Map.entry(CORE + "NamespaceCondition", List.of("type", "status")),
            Map.entry(CORE + "PersistentVolumeClaimCondition", List.of("type", "status")),
            Map.entry(CORE + "EndpointAddress", List.of("ip")),
            Map.entry(CORE + "EndpointPort", List.of("port")),
            Map.entry(CORE + "Event", List.of("metadata", "involvedObject")),
            Map.entry(META + "OwnerReference", List.of("apiVersion", "kind", "name", "uid")),
            Map.entry(META + "LabelSelectorRequirement", List.of("key", "operator")),
            Map.entry(APPS + "DeploymentSpec", List.of("selector", "template")),
            Map.entry(APPS + "ReplicaSetSpec", List.of("selector")),
            Map.entry(APPS + "StatefulSetSpec", List.of("selector", "template")),
            Map.entry(APPS + "DaemonSetSpec", List.of("selector", "template")),
            Map.entry(APPS + "DeploymentCondition", List.of("type", "status")),
            Map.entry(APPS + "ReplicaSetCondition", List.of("type", "status")),
            Map.entry(APPS + "StatefulSetCondition", List.of("type", "status")),
            Map.entry(APPS + "DaemonSetCondition", List.of("type", "status")),
            Map.entry("io.k8s.api.batch.v1.JobSpec", List.of("template")),
            Map.entry("io.k8s.api.batch.v1.JobCondition", List.of("type", "status")),
            Map.entry("io.k8s.api.discovery.v1.EndpointSlice", List.of("addressType", "endpoints")),
            Map.entry("io.k8s.api.discovery.v1.Endpoint", List.of("addresses")));

    private RequiredFields() {
    }

    /** The required properties of a definition, in Kubernetes' order; empty when none. */
    static List<String> of(String definition) {
        return REQUIRED.getOrDefault(definition, List.of());
    }
}
