package dev.keel.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.api.testing.Kubectl;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * CustomResourceDefinitions on the local cluster through the real kubectl 1.27 and 1.33 and fabric8:
 * {@code kubectl apply -f} a CRD, {@code kubectl get crd}, {@code kubectl wait --for condition=established},
 * a non-structural CRD refused in kube-apiserver's words (nothing stored), {@code kubectl delete crd}.
 */
@LocalClusterTest
class CustomResourceDefinitionEndToEndTest {

    private static String crd(String group) {
        return """
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata:
                  name: widgets.%1$s
                spec:
                  group: %1$s
                  scope: Namespaced
                  names: {plural: widgets, singular: widget, kind: Widget, shortNames: [wdg]}
                  versions:
                  - name: v1
                    served: true
                    storage: true
                    subresources: {status: {}}
                    schema:
                      openAPIV3Schema:
                        type: object
                        properties:
                          spec:
                            type: object
                            properties:
                              size: {type: integer, default: 1}
                          status:
                            type: object
                            x-kubernetes-preserve-unknown-fields: true
                """.formatted(group);
    }

    private static String group(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + ".e2e.example.com";
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.27", "1.33"})
    void kubectlAppliesWaitsForListsAndDeletesACrd(String version) {
        Kubectl kubectl = LocalCluster.get().kubectlOf(version);
        String group = group("k" + version.replace(".", ""));
        String name = "widgets." + group;

        Kubectl.Result applied = kubectl.runWithInput(crd(group), "apply", "-f", "-");
        assertThat(applied.exitCode()).as(applied.all()).isZero();
        assertThat(applied.out()).contains("customresourcedefinition.apiextensions.k8s.io/" + name + " created");

        Kubectl.Result waited = kubectl.run("wait", "--for", "condition=established", "--timeout=60s", "crd/" + name);
        assertThat(waited.exitCode()).as(waited.all()).isZero();
        assertThat(waited.out()).contains("condition met");

        Kubectl.Result listed = kubectl.run("get", "crd", name);
        assertThat(listed.out()).contains("NAME").contains("CREATED AT").contains(name);
        Kubectl.Result yaml = kubectl.run("get", "crd", name, "-o", "yaml");
        assertThat(yaml.out()).contains("storedVersions:").contains("- v1").contains("reason: NoConflicts");

        Kubectl.Result deleted = kubectl.run("delete", "crd", name);
        assertThat(deleted.exitCode()).as(deleted.all()).isZero();
        assertThat(deleted.out()).contains("customresourcedefinition.apiextensions.k8s.io \"" + name + "\" deleted");
        assertThat(kubectl.run("get", "crd", name).err()).contains("NotFound");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.27", "1.33"})
    void aNonStructuralCrdIsRefusedAndNotStored(String version) {
        Kubectl kubectl = LocalCluster.get().kubectlOf(version);
        String group = group("bad" + version.replace(".", ""));
        String nonStructural = crd(group).replace("""
                          spec:
                            type: object
                """, """
                          spec:
                """);

        Kubectl.Result refused = kubectl.runWithInput(nonStructural, "apply", "-f", "-");

        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.err()).contains("The CustomResourceDefinition \"widgets." + group + "\" is invalid")
                .contains("spec.versions[0].schema.openAPIV3Schema.properties[spec].type: Required value: "
                        + "must not be empty for specified object fields");
        assertThat(kubectl.run("get", "crd", "widgets." + group).err()).contains("NotFound");
    }

    @Test
    void fabric8CreatesACrdAndSeesItEstablished() {
        String group = group("f8");
        try (KubernetesClient client = LocalCluster.get().fabric8()) {
            CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions()
                    .load(new java.io.ByteArrayInputStream(crd(group).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                    .item();
            client.apiextensions().v1().customResourceDefinitions().resource(crd).create();

            CustomResourceDefinition established = client.apiextensions().v1().customResourceDefinitions()
                    .withName("widgets." + group)
                    .waitUntilCondition(c -> c != null && c.getStatus() != null && c.getStatus().getConditions() != null
                            && c.getStatus().getConditions().stream().anyMatch(
                                    x -> x.getType().equals("Established") && x.getStatus().equals("True")), 60, TimeUnit.SECONDS);
            assertThat(established.getStatus().getAcceptedNames().getShortNames()).containsExactly("wdg");

            client.apiextensions().v1().customResourceDefinitions().withName("widgets." + group).delete();
            client.apiextensions().v1().customResourceDefinitions().withName("widgets." + group)
                    .waitUntilCondition(c -> c == null, 60, TimeUnit.SECONDS);
        }
    }
}
