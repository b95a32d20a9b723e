package dev.keel.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.api.testing.Kubectl;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Custom resources on the local cluster, as a user meets them: kubectl 1.27 and 1.33 apply a CRD and then custom
 * objects from YAML, get them with printer columns (-o wide too), by short name and through {@code kubectl get all},
 * scale them, patch their status, explain the kind, apply server-side, select by label and by a selectable field, and
 * delete them; fabric8's generic client does CRUD, runs an informer and applies server-side.
 */
@LocalClusterTest
class CustomResourceEndToEndTest {

    private static final Duration SERVED = Duration.ofSeconds(60);

    private static String group() {
        return "e2e" + UUID.randomUUID().toString().substring(0, 8) + ".example.com";
    }

    /** A short name of this run's own: kubectl resolves short names across every group the cluster serves. */
    private static String shortName(String group) {
        return "gz" + group.substring(3, 11);
    }

    private static String crd(String group) {
        return """
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata:
                  name: gizmos.%1$s
                spec:
                  group: %1$s
                  scope: Namespaced
                  names: {plural: gizmos, singular: gizmo, kind: Gizmo, shortNames: [%2$s], categories: [all]}
                  versions:
                  - name: v1
                    served: true
                    storage: true
                    schema:
                      openAPIV3Schema:
                        type: object
                        properties:
                          spec:
                            type: object
                            description: The gizmo's desired state.
                            properties:
                              color: {type: string, description: Colour of the gizmo.}
                              size: {type: string}
                              replicas: {type: integer}
                          status:
                            type: object
                            properties:
                              replicas: {type: integer}
                              phase: {type: string}
                    subresources:
                      status: {}
                      scale: {specReplicasPath: .spec.replicas, statusReplicasPath: .status.replicas}
                    additionalPrinterColumns:
                    - {name: Color, type: string, jsonPath: .spec.color}
                    - {name: Size, type: string, jsonPath: .spec.size, priority: 1}
                    - {name: Age, type: date, jsonPath: .metadata.creationTimestamp}
                    selectableFields:
                    - jsonPath: .spec.color
                """.formatted(group, shortName(group));
    }

    private static String gizmo(String group, String name, String color, String tier) {
        return """
                apiVersion: %s/v1
                kind: Gizmo
                metadata:
                  name: %s
                  labels: {tier: %s}
                spec: {color: %s, size: L, replicas: 1}
                """.formatted(group, name, tier, color);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.27", "1.33"})
    void kubectlAppliesACrdThenItsObjects(String version) {
        LocalCluster cluster = LocalCluster.get();
        Kubectl kubectl = cluster.kubectlOf(version);
        String group = group();
        String ns = cluster.createNamespace("cr-" + version.replace(".", ""));
        try {
            assertThat(run(kubectl, crd(group), "apply", "-f", "-")).contains("created");
            Poll.until(SERVED, "gizmos." + group + " served", () -> kubectl.run("get", "gizmos." + group, "-n", ns)
                    .exitCode() == 0 ? true : null);
            assertThat(run(kubectl, gizmo(group, "red", "red", "a"), "apply", "-n", ns, "-f", "-"))
                    .contains("gizmo." + group + "/red created");
            run(kubectl, gizmo(group, "blue", "blue", "b"), "apply", "-n", ns, "-f", "-");

            String table = run(kubectl, null, "get", "gizmos." + group, "-n", ns);
            assertThat(table.lines().findFirst().orElseThrow()).containsSubsequence("NAME", "COLOR", "AGE").doesNotContain("SIZE");
            String wide = run(kubectl, null, "get", shortName(group), "-n", ns, "-o", "wide");
            assertThat(wide.lines().findFirst().orElseThrow()).containsSubsequence("NAME", "COLOR", "SIZE", "AGE");
            assertThat(run(kubectl, null, "get", "all", "-n", ns)).contains("gizmo." + group + "/red");
            assertThat(run(kubectl, null, "get", shortName(group), "-n", ns, "-l", "tier=b", "-o", "name").strip())
                    .isEqualTo("gizmo." + group + "/blue");
            assertThat(run(kubectl, null, "get", shortName(group), "-n", ns, "--field-selector", "spec.color=red", "-o", "name").strip())
                    .isEqualTo("gizmo." + group + "/red");

            run(kubectl, null, "scale", "gizmo." + group + "/red", "-n", ns, "--replicas=3");
            assertThat(run(kubectl, null, "get", "gizmo." + group, "red", "-n", ns, "-o", "jsonpath={.spec.replicas}"))
                    .isEqualTo("3");
            run(kubectl, null, "patch", "gizmo." + group, "red", "-n", ns, "--subresource=status", "--type=merge",
                    "-p", "{\"status\":{\"phase\":\"Ready\",\"replicas\":3}}");
            assertThat(run(kubectl, null, "get", "gizmo." + group, "red", "-n", ns, "-o", "jsonpath={.status.phase}"))
                    .isEqualTo("Ready");

            assertThat(run(kubectl, null, "explain", "gizmos.spec", "--api-version=" + group + "/v1")).contains("The gizmo's desired state")
                    .contains("Colour of the gizmo");

            assertThat(run(kubectl, gizmo(group, "green", "green", "c"), "apply", "--server-side", "--field-manager=e2e",
                    "-n", ns, "-f", "-")).contains("serverside-applied");
            assertThat(run(kubectl, null, "get", "gizmo." + group, "green", "-n", ns, "--show-managed-fields", "-o",
                    "jsonpath={.metadata.managedFields[*].manager}")).contains("e2e");

            assertThat(run(kubectl, null, "delete", "gizmo." + group, "red", "-n", ns)).contains("deleted");
            assertThat(run(kubectl, null, "get", shortName(group), "-n", ns, "-o", "name")).doesNotContain("/red");
        } finally {
            cluster.release(null, ns);
            kubectl.run("delete", "crd", "gizmos." + group, "--wait=false");
        }
    }

    @Test
    void fabric8WorksOnACustomKindWithGenericResources() throws Exception {
        LocalCluster cluster = LocalCluster.get();
        String group = group();
        cluster.kubectlWithInput(crd(group), "apply", "-f", "-");
        String ns = cluster.createNamespace("cr-f8");
        KubernetesClient client = cluster.fabric8();
        ResourceDefinitionContext gizmos = new ResourceDefinitionContext.Builder().withGroup(group).withVersion("v1")
                .withKind("Gizmo").withPlural("gizmos").withNamespaced(true).build();
        try {
            var resources = client.genericKubernetesResources(gizmos).inNamespace(ns);
            Poll.until(SERVED, "gizmos." + group + " served", () -> {
                try {
                    resources.list();
                    return true;
                } catch (RuntimeException e) {
                    return null;
                }
            });
            BlockingQueue<String> seen = new LinkedBlockingQueue<>();
            SharedIndexInformer<GenericKubernetesResource> informer = resources.inform(new ResourceEventHandler<>() {
                @Override
                public void onAdd(GenericKubernetesResource object) {
                    seen.add("add " + object.getMetadata().getName());
                }

                @Override
                public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource after) {
                    seen.add("update " + after.getMetadata().getName());
                }

                @Override
                public void onDelete(GenericKubernetesResource object, boolean finalStateUnknown) {
                    seen.add("delete " + object.getMetadata().getName());
                }
            });
            try {
                resources.resource(genericGizmo(group, ns, "f", "red")).create();
                assertThat(seen.poll(30, TimeUnit.SECONDS)).isEqualTo("add f");
                GenericKubernetesResource read = resources.withName("f").get();
                assertThat(((Map<?, ?>) read.getAdditionalProperties().get("spec")).get("color")).isEqualTo("red");
                resources.withName("f").edit(g -> {
                    g.getAdditionalProperties().put("spec", Map.of("color", "blue"));
                    return g;
                });
                assertThat(seen.poll(30, TimeUnit.SECONDS)).isEqualTo("update f");
                GenericKubernetesResource applied = resources.resource(genericGizmo(group, ns, "ssa", "green"))
                        .fieldManager("e2e-fabric8").forceConflicts().serverSideApply();
                assertThat(applied.getMetadata().getManagedFields()).anySatisfy(entry ->
                        assertThat(entry.getManager()).isEqualTo("e2e-fabric8"));
                assertThat(seen.poll(30, TimeUnit.SECONDS)).isEqualTo("add ssa");
                resources.withName("f").delete();
                assertThat(seen.poll(30, TimeUnit.SECONDS)).isEqualTo("delete f");
            } finally {
                informer.close();
            }
        } finally {
            cluster.release(client, ns);
            cluster.kubectlOf("1.33").run("delete", "crd", "gizmos." + group, "--wait=false");
        }
    }

    private static GenericKubernetesResource genericGizmo(String group, String ns, String name, String color) {
        return new GenericKubernetesResourceBuilder().withApiVersion(group + "/v1").withKind("Gizmo")
                .withNewMetadata().withName(name).withNamespace(ns).endMetadata()
                .addToAdditionalProperties("spec", Map.of("color", color, "replicas", 1)).build();
    }

    private static String run(Kubectl kubectl, String stdin, String... args) {
        Kubectl.Result result = stdin == null ? kubectl.run(args) : kubectl.runWithInput(stdin, args);
        assertThat(result.exitCode()).as("kubectl " + String.join(" ", args) + ": " + result.all()).isZero();
        return result.out();
    }
}
