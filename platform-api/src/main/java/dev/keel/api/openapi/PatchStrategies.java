package dev.keel.api.openapi;

import java.util.Map;

/**
 * The strategic-merge-patch directives of the list and struct fields in the types keel serves.
 *
 * <p>kubectl computes the patch of {@code kubectl apply} (client-side) from the served OpenAPI when it finds the
 * kind there; without these directives it would treat {@code containers}, {@code env} or {@code ports} as atomic
 * lists and replace them whole. fabric8's classes do not carry the directives, so they are listed here.
 */
final class PatchStrategies {

    /** A field's {@code x-kubernetes-patch-strategy}, and its {@code x-kubernetes-patch-merge-key} or null. */
    record Directive(String strategy, String mergeKey) {
    }

    private static final String CORE = "io.k8s.api.core.v1.";
    private static final String APPS = "io.k8s.api.apps.v1.";
    private static final Directive BY_NAME = new Directive("merge", "name");
    private static final Directive BY_TYPE = new Directive("merge", "type");
    private static final Directive BY_IP = new Directive("merge", "ip");
    private static final Directive CONTAINER_PORTS = new Directive("merge", "containerPort");
    private static final Directive MOUNTS = new Directive("merge", "mountPath");
    private static final Directive DEVICES = new Directive("merge", "devicePath");
    private static final Directive RETAIN_BY_NAME = new Directive("merge,retainKeys", "name");

    private static final Map<String, Map<String, Directive>> DIRECTIVES = Map.ofEntries(
            Map.entry(CORE + "PodSpec", Map.of(
                    "volumes", RETAIN_BY_NAME,
                    "initContainers", BY_NAME,
                    "containers", BY_NAME,
                    "ephemeralContainers", BY_NAME,
                    "imagePullSecrets", BY_NAME,
                    "hostAliases", BY_IP,
                    "topologySpreadConstraints", new Directive("merge", "topologyKey"),
                    "schedulingGates", BY_NAME,
                    "resourceClaims", RETAIN_BY_NAME)),
            Map.entry(CORE + "Container", Map.of("ports", CONTAINER_PORTS, "env", BY_NAME, "volumeMounts", MOUNTS,
                    "volumeDevices", DEVICES)),
            Map.entry(CORE + "EphemeralContainer", Map.of("ports", CONTAINER_PORTS, "env", BY_NAME, "volumeMounts", MOUNTS,
                    "volumeDevices", DEVICES)),
            Map.entry(CORE + "PodStatus", Map.of("conditions", BY_TYPE, "podIPs", BY_IP, "hostIPs", BY_IP,
                    "resourceClaimStatuses", RETAIN_BY_NAME)),
            Map.entry("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", Map.of(
                    "finalizers", new Directive("merge", null),
                    "ownerReferences", new Directive("merge", "uid"))),
            Map.entry(CORE + "ServiceSpec", Map.of("ports", new Directive("merge", "port"))),
            Map.entry(CORE + "ServiceStatus", Map.of("conditions", BY_TYPE)),
            Map.entry(CORE + "ServiceAccount", Map.of("secrets", BY_NAME)),
            Map.entry(CORE + "NodeSpec", Map.of("podCIDRs", new Directive("merge", null))),
            Map.entry(CORE + "NodeStatus", Map.of("conditions", BY_TYPE, "addresses", BY_TYPE)),
            Map.entry(CORE + "NamespaceStatus", Map.of("conditions", BY_TYPE)),
            Map.entry(CORE + "PersistentVolumeClaimStatus", Map.of("conditions", BY_TYPE)),
            Map.entry(APPS + "DeploymentSpec", Map.of("strategy", new Directive("retainKeys", null))),
            Map.entry(APPS + "DeploymentStatus", Map.of("conditions", BY_TYPE)),
            Map.entry(APPS + "ReplicaSetStatus", Map.of("conditions", BY_TYPE)),
            Map.entry(APPS + "StatefulSetStatus", Map.of("conditions", BY_TYPE)),
            Map.entry(APPS + "DaemonSetStatus", Map.of("conditions", BY_TYPE)),
            Map.entry("io.k8s.api.batch.v1.JobStatus", Map.of("conditions", BY_TYPE)));

    private PatchStrategies() {
    }

    /** The directive of {@code property} in {@code definition}, or null when it has none. */
    static Directive of(String definition, String property) {
        return DIRECTIVES.getOrDefault(definition, Map.of()).get(property);
    }
}
