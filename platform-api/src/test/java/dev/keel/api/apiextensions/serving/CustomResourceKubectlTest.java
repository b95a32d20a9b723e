package dev.keel.api.apiextensions.serving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.api.testing.Kubectl;
import dev.keel.api.testing.Kubectl.Result;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The real kubectl (1.27 and 1.33) on custom kinds against the in-process API: the user's path from CRD to objects. */
class CustomResourceKubectlTest extends CustomResourceTestBase {

    static Stream<String> versions() {
        return Kubectl.VERSIONS.stream();
    }

    /** A short name of this run's own: kubectl resolves plain names across every group the server serves. */
    static String shortName(String group) {
        return "w" + group.substring(1, 9);
    }

    static String crdYaml(String group) {
        return """
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata:
                  name: widgets.%1$s
                spec:
                  group: %1$s
                  scope: Namespaced
                  names: {plural: widgets, singular: widget, kind: Widget, shortNames: [%2$s], categories: [all]}
                  versions:
                  - name: v1
                    served: true
                    storage: true
                    schema:
                      openAPIV3Schema:
                        type: object
                        description: A widget for tests.
                        properties:
                          spec:
                            type: object
                            description: What the widget should be.
                            properties:
                              color: {type: string, description: The colour of the widget.}
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

    static String widgetYaml(String group, String name, String color, String labels) {
        return """
                apiVersion: %s/v1
                kind: Widget
                metadata:
                  name: %s
                  labels: {%s}
                spec:
                  color: %s
                  size: L
                  replicas: 1
                """.formatted(group, name, labels, color);
    }

    @ParameterizedTest
    @MethodSource("versions")
    void kubectlDrivesACustomKindFromCrdToDelete(String version) {
        Kubectl kubectl = new Kubectl(version, kubeconfig());
        assertThat(kubectl.available()).as("kubectl " + version).isTrue();
        String group = uniqueGroup();
        ok(kubectl.runWithInput(crdYaml(group), "apply", "-f", "-"));
        awaitStatus("/apis/" + group + "/v1/widgets", 200);
        String ns = createNamespace("kc");

        Result applied = ok(kubectl.runWithInput(widgetYaml(group, "red", "red", "tier: a"), "apply", "-n", ns, "-f", "-"));
        assertThat(applied.out()).contains("widget." + group + "/red created");
        ok(kubectl.runWithInput(widgetYaml(group, "blue", "blue", "tier: b"), "apply", "-n", ns, "-f", "-"));
        assertThat(ok(kubectl.runWithInput(widgetYaml(group, "red", "red", "tier: a"), "apply", "-n", ns, "-f", "-")).out())
                .contains("unchanged");

        String widgets = "widgets." + group;
        String wdg = shortName(group);
        String table = ok(kubectl.run("get", widgets, "-n", ns)).out();
        assertThat(table.lines().findFirst().orElseThrow()).containsSubsequence("NAME", "COLOR", "AGE")
                .doesNotContain("SIZE");
        assertThat(table).contains("red").contains("blue");
        String wide = ok(kubectl.run("get", wdg, "-n", ns, "-o", "wide")).out();
        assertThat(wide.lines().findFirst().orElseThrow()).containsSubsequence("NAME", "COLOR", "SIZE", "AGE");
        assertThat(ok(kubectl.run("get", "all", "-n", ns)).out()).contains("widget." + group + "/red");

        assertThat(ok(kubectl.run("get", wdg, "-n", ns, "-l", "tier=b", "-o", "name")).out().strip())
                .isEqualTo("widget." + group + "/blue");
        assertThat(ok(kubectl.run("get", wdg, "-n", ns, "--field-selector", "spec.color=red", "-o", "name")).out().strip())
                .isEqualTo("widget." + group + "/red");

        ok(kubectl.run("scale", widgets + "/red", "-n", ns, "--replicas=4"));
        assertThat(ok(kubectl.run("get", widgets, "red", "-n", ns, "-o", "jsonpath={.spec.replicas}")).out()).isEqualTo("4");

        ok(kubectl.run("patch", widgets, "red", "-n", ns, "--subresource=status", "--type=merge", "-p",
                "{\"status\":{\"phase\":\"Ready\"}}"));
        assertThat(ok(kubectl.run("get", widgets, "red", "-n", ns, "-o", "jsonpath={.status.phase}")).out()).isEqualTo("Ready");

        String explain = ok(kubectl.run("explain", "widgets.spec", "--api-version=" + group + "/v1")).out();
        assertThat(explain).contains("What the widget should be").contains("color").contains("The colour of the widget");

        Result serverSide = ok(kubectl.runWithInput(widgetYaml(group, "green", "green", "tier: c"), "apply",
                "--server-side", "--field-manager=tests", "-n", ns, "-f", "-"));
        assertThat(serverSide.out()).contains("serverside-applied");
        assertThat(ok(kubectl.run("get", widgets, "green", "-n", ns, "--show-managed-fields", "-o",
                "jsonpath={.metadata.managedFields[*].manager}")).out()).contains("tests");

        ok(kubectl.run("delete", widgets, "red", "-n", ns));
        assertThat(ok(kubectl.run("get", wdg, "-n", ns, "-o", "name")).out()).doesNotContain("/red");
        ok(kubectl.run("delete", "crd", "widgets." + group));
    }

    private static Result ok(Result result) {
        assertThat(result.exitCode()).as(result.all()).isZero();
        return result;
    }
}
