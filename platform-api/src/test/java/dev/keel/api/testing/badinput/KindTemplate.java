package dev.keel.api.testing.badinput;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;

/**
 * A kind the generator malforms: where it lives and a valid object of it that kube-apiserver accepts and that
 * does as little as possible in a live cluster (no replicas, suspended, never scheduled).
 *
 * @param kind        e.g. {@code Deployment}
 * @param apiVersion  e.g. {@code apps/v1}
 * @param plural      e.g. {@code deployments}
 * @param namespaced  whether objects live in the run's namespace
 * @param json        the valid object, with {@link BadRequest#NAME} and {@link BadRequest#NAMESPACE} placeholders
 * @param mapFields   JSON pointers of string-to-string maps in {@code json}
 * @param listFields  JSON pointers of lists in {@code json}
 */
record KindTemplate(String kind, String apiVersion, String plural, boolean namespaced, String json,
        List<String> mapFields, List<String> listFields) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Fields whose numbers are as valid as strings (quantities, int-or-string): wrong-type mutations skip them. */
    static final Set<String> NUMBER_OR_STRING = Set.of("resources", "requests", "limits", "targetPort", "maxSurge",
            "maxUnavailable", "capacity");

    /** The collection path, with the namespace placeholder. */
    String collectionPath() {
        String prefix = apiVersion.contains("/") ? "/apis/" + apiVersion : "/api/" + apiVersion;
        return prefix + (namespaced ? "/namespaces/" + BadRequest.NAMESPACE : "") + "/" + plural;
    }

    String objectPath(String name) {
        return collectionPath() + "/" + name;
    }

    /** A fresh copy of the valid object. */
    ObjectNode object() {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("template of " + kind + " is not JSON", e);
        }
    }

    /** The valid object named {@code name}. */
    ObjectNode object(String name) {
        ObjectNode object = object();
        ((ObjectNode) object.path("metadata")).put("name", name);
        return object;
    }

    static List<KindTemplate> all() {
        String podSpec = """
                {"schedulerName":"keel-badinput-none","nodeSelector":{"keel-badinput":"none"},
                 "containers":[{"name":"c","image":"registry.invalid/badinput:1","command":["sleep","1"],"args":["a"],
                   "env":[{"name":"E","value":"v"}],"ports":[{"containerPort":80,"protocol":"TCP","name":"http"}],
                   "resources":{"requests":{"cpu":"10m"}}}]}""";
        // Workloads and Services select app=bad-workload, never the standalone objects (app=bad): on a live cluster a
        // controller would otherwise adopt a standalone Pod or rewrite its Endpoints, as Kubernetes' controllers do.
        String workloadTemplate = "{\"metadata\":{\"labels\":{\"app\":\"bad-workload\"}},\"spec\":" + podSpec + "}";
        // Jobs refuse the default restartPolicy (Always).
        String jobTemplate = workloadTemplate.replace("{\"schedulerName\"", "{\"restartPolicy\":\"Never\",\"schedulerName\"");
        String meta = "\"metadata\":{\"name\":\"" + BadRequest.NAME + "\",\"labels\":{\"app\":\"bad\",\"tier\":\"t\"},"
                + "\"annotations\":{\"note\":\"n\"},\"finalizers\":[]}";
        return List.of(
                new KindTemplate("ConfigMap", "v1", "configmaps", true,
                        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\"," + meta + ",\"data\":{\"a\":\"b\",\"c\":\"d\"},"
                                + "\"binaryData\":{\"bin\":\"YWJj\"}}",
                        List.of("/metadata/labels", "/metadata/annotations", "/data"), List.of("/metadata/finalizers")),
                new KindTemplate("Secret", "v1", "secrets", true,
                        "{\"apiVersion\":\"v1\",\"kind\":\"Secret\"," + meta + ",\"type\":\"Opaque\","
                                + "\"data\":{\"a\":\"YWJj\"},\"stringData\":{\"s\":\"plain\"}}",
                        List.of("/metadata/labels", "/metadata/annotations", "/stringData"), List.of()),
                new KindTemplate("Pod", "v1", "pods", true,
                        "{\"apiVersion\":\"v1\",\"kind\":\"Pod\"," + meta + ",\"spec\":" + podSpec + "}",
                        List.of("/metadata/labels", "/metadata/annotations", "/spec/nodeSelector"),
                        List.of("/spec/containers", "/spec/containers/0/command", "/spec/containers/0/args",
                                "/spec/containers/0/env", "/spec/containers/0/ports")),
                new KindTemplate("Service", "v1", "services", true,
                        "{\"apiVersion\":\"v1\",\"kind\":\"Service\"," + meta + ",\"spec\":{\"type\":\"ClusterIP\","
                                + "\"selector\":{\"app\":\"bad-workload\"},\"ports\":[{\"name\":\"http\",\"port\":80,"
                                + "\"protocol\":\"TCP\",\"targetPort\":8080}]}}",
                        List.of("/metadata/labels", "/metadata/annotations", "/spec/selector"), List.of("/spec/ports")),
                new KindTemplate("Deployment", "apps/v1", "deployments", true,
                        "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\"," + meta + ",\"spec\":{\"replicas\":0,"
                                + "\"selector\":{\"matchLabels\":{\"app\":\"bad-workload\"}},\"template\":" + workloadTemplate + "}}",
                        List.of("/metadata/labels", "/metadata/annotations", "/spec/template/metadata/labels"),
                        List.of("/spec/template/spec/containers", "/spec/template/spec/containers/0/command",
                                "/spec/template/spec/containers/0/env")),
                new KindTemplate("StatefulSet", "apps/v1", "statefulsets", true,
                        "{\"apiVersion\":\"apps/v1\",\"kind\":\"StatefulSet\"," + meta + ",\"spec\":{\"replicas\":0,"
                                + "\"serviceName\":\"bad\",\"selector\":{\"matchLabels\":{\"app\":\"bad-workload\"}},"
                                + "\"template\":" + workloadTemplate + "}}",
                        List.of("/metadata/labels", "/metadata/annotations"),
                        List.of("/spec/template/spec/containers")),
                new KindTemplate("DaemonSet", "apps/v1", "daemonsets", true,
                        "{\"apiVersion\":\"apps/v1\",\"kind\":\"DaemonSet\"," + meta + ",\"spec\":{"
                                + "\"selector\":{\"matchLabels\":{\"app\":\"bad-workload\"}},\"template\":" + workloadTemplate + "}}",
                        List.of("/metadata/labels", "/metadata/annotations"),
                        List.of("/spec/template/spec/containers")),
                new KindTemplate("Job", "batch/v1", "jobs", true,
                        "{\"apiVersion\":\"batch/v1\",\"kind\":\"Job\"," + meta + ",\"spec\":{\"suspend\":true,"
                                + "\"template\":" + jobTemplate + "}}",
                        List.of("/metadata/labels", "/metadata/annotations"),
                        List.of("/spec/template/spec/containers")),
                new KindTemplate("ServiceAccount", "v1", "serviceaccounts", true,
                        "{\"apiVersion\":\"v1\",\"kind\":\"ServiceAccount\"," + meta + "}",
                        List.of("/metadata/labels", "/metadata/annotations"), List.of()),
                new KindTemplate("Lease", "coordination.k8s.io/v1", "leases", true,
                        "{\"apiVersion\":\"coordination.k8s.io/v1\",\"kind\":\"Lease\"," + meta + ",\"spec\":{"
                                + "\"holderIdentity\":\"h\",\"leaseDurationSeconds\":15}}",
                        List.of("/metadata/labels", "/metadata/annotations"), List.of()),
                new KindTemplate("Endpoints", "v1", "endpoints", true,
                        "{\"apiVersion\":\"v1\",\"kind\":\"Endpoints\"," + meta + ",\"subsets\":[{\"addresses\":"
                                + "[{\"ip\":\"10.9.8.7\"}],\"ports\":[{\"name\":\"http\",\"port\":80,\"protocol\":\"TCP\"}]}]}",
                        List.of("/metadata/labels", "/metadata/annotations"), List.of("/subsets", "/subsets/0/addresses")),
                new KindTemplate("PersistentVolumeClaim", "v1", "persistentvolumeclaims", true,
                        "{\"apiVersion\":\"v1\",\"kind\":\"PersistentVolumeClaim\"," + meta + ",\"spec\":{"
                                + "\"accessModes\":[\"ReadWriteOnce\"],\"resources\":{\"requests\":{\"storage\":\"1Mi\"}}}}",
                        List.of("/metadata/labels", "/metadata/annotations"), List.of("/spec/accessModes")),
                new KindTemplate("Namespace", "v1", "namespaces", false,
                        "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\"," + meta + "}",
                        List.of("/metadata/labels", "/metadata/annotations"), List.of()));
    }
}
