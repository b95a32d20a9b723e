package dev.keel.api.apiextensions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.api.testing.ApiServerTest;
import dev.keel.api.testing.Kubectl;
import dev.keel.api.testing.Kubectl.Result;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real kubectl 1.27 and 1.33 on CRDs against the in-process server: client-side and server-side apply,
 * {@code get crd}, {@code wait --for condition=established}, {@code explain}, a non-structural CRD refused in
 * kubectl's words, {@code delete crd} returning once the CRD is gone.
 */
class KubectlCustomResourceDefinitionTest extends ApiServerTest {

    static String crd(String group, String plural, String kind) {
        return """
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata:
                  name: %2$s.%1$s
                spec:
                  group: %1$s
                  scope: Namespaced
                  names:
                    plural: %2$s
                    singular: %3$s
                    kind: %4$s
                    shortNames: [%5$s]
                    categories: [all]
                  versions:
                  - name: v1
                    served: true
                    storage: true
                    subresources:
                      status: {}
                    additionalPrinterColumns:
                    - name: Size
                      type: integer
                      jsonPath: .spec.size
                    schema:
                      openAPIV3Schema:
                        type: object
                        properties:
                          spec:
                            type: object
                            properties:
                              size:
                                type: integer
                                minimum: 1
                                default: 1
                              tags:
                                type: array
                                x-kubernetes-list-type: set
                                items: {type: string}
                              labels:
                                type: object
                                additionalProperties: {type: string}
                          status:
                            type: object
                            x-kubernetes-preserve-unknown-fields: true
                """.formatted(group, plural, kind.toLowerCase(), kind, plural.substring(0, 3));
    }

    static String nonStructural(String group) {
        return """
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata:
                  name: loose.%1$s
                spec:
                  group: %1$s
                  scope: Namespaced
                  names: {plural: loose, kind: Loose}
                  versions:
                  - name: v1
                    served: true
                    storage: true
                    schema:
                      openAPIV3Schema:
                        type: object
                        properties:
                          spec:
                            properties:
                              size: {type: integer}
                """.formatted(group);
    }

    private Kubectl kubectl(String version) {
        Kubectl kubectl = new Kubectl(version, kubeconfig()).withTimeout(Duration.ofMinutes(2));
        assertThat(kubectl.available()).as("kubectl " + version + " is on the machine (MACHINE.md)").isTrue();
        return kubectl;
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.27", "1.33"})
    void applyGetWaitExplainAndDeleteACrd(String version) {
        Kubectl kubectl = kubectl(version);
        String group = uniqueName("k" + version.replace(".", "")) + ".example.com";
        String name = "widgets." + group;

        Result applied = kubectl.runWithInput(crd(group, "widgets", "Widget"), "apply", "-f", "-");
        Result again = kubectl.runWithInput(crd(group, "widgets", "Widget").replace("minimum: 1", "minimum: 2"), "apply", "-f", "-");
        Result waited = kubectl.run("wait", "--for", "condition=established", "--timeout=60s", "crd/" + name);
        Result listed = kubectl.run("get", "crd", name);
        Result explained = kubectl.run("explain", "crd.spec.versions.schema");

        assertThat(applied.exitCode()).as(applied.all()).isZero();
        assertThat(applied.out()).contains("customresourcedefinition.apiextensions.k8s.io/" + name + " created");
        assertThat(again.exitCode()).as(again.all()).isZero();
        assertThat(again.out()).contains("customresourcedefinition.apiextensions.k8s.io/" + name + " configured");
        assertThat(waited.exitCode()).as(waited.all()).isZero();
        assertThat(waited.out()).contains("customresourcedefinition.apiextensions.k8s.io/" + name + " condition met");
        assertThat(listed.exitCode()).as(listed.all()).isZero();
        assertThat(listed.out()).contains("NAME").contains("CREATED AT").containsPattern(name.replace(".", "\\.")
                + "\\s+\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(explained.exitCode()).as(explained.all()).isZero();
        assertThat(explained.out()).contains("openAPIV3Schema");

        Result serverSide = kubectl.runWithInput(crd(group, "gadgets", "Gadget"), "apply", "--server-side", "-f", "-");
        assertThat(serverSide.exitCode()).as(serverSide.all()).isZero();
        assertThat(serverSide.out()).contains("customresourcedefinition.apiextensions.k8s.io/gadgets." + group + " serverside-applied");

        Result deleted = kubectl.run("delete", "crd", name, "gadgets." + group);
        assertThat(deleted.exitCode()).as(deleted.all()).isZero();
        assertThat(deleted.out()).contains("customresourcedefinition.apiextensions.k8s.io \"" + name + "\" deleted");
        assertThat(kubectl.run("get", "crd", name).err()).contains("NotFound");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.27", "1.33"})
    void aNonStructuralCrdIsRefusedInKubernetesWords(String version) {
        Kubectl kubectl = kubectl(version);
        String group = uniqueName("bad" + version.replace(".", "")) + ".example.com";

        Result refused = kubectl.runWithInput(nonStructural(group), "apply", "-f", "-");

        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.err()).contains("The CustomResourceDefinition \"loose." + group + "\" is invalid")
                .contains("spec.versions[0].schema.openAPIV3Schema.properties[spec].type: Required value: "
                        + "must not be empty for specified object fields");
        assertThat(kubectl.run("get", "crd", "loose." + group).err()).contains("NotFound");
    }
}
