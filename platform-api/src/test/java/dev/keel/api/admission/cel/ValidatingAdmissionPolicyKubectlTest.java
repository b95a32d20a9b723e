package dev.keel.api.admission.cel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.api.testing.ApiServerTest;
import dev.keel.api.testing.Kubectl;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real kubectl 1.27 and 1.33 against the in-process API: {@code apply} of a v1 policy and binding (client-side
 * validation against the server's OpenAPI; kubectl 1.27's own discovery knows only v1alpha1/v1beta1), a refused
 * create in Kubernetes' words, a warning, {@code get} columns and {@code explain}.
 */
class ValidatingAdmissionPolicyKubectlTest extends ApiServerTest {

    @ParameterizedTest(name = "kubectl {0}")
    @ValueSource(strings = {"1.27", "1.33"})
    void applyRefuseWarnAndList(String version) throws InterruptedException {
        Kubectl kubectl = new Kubectl(version, kubeconfig());
        String ns = createNamespace("vapk");
        String name = "replicas-" + ns;
        String yaml = """
                apiVersion: admissionregistration.k8s.io/v1
                kind: ValidatingAdmissionPolicy
                metadata:
                  name: %1$s
                spec:
                  matchConstraints:
                    resourceRules:
                    - apiGroups: ["apps"]
                      apiVersions: ["v1"]
                      operations: ["CREATE", "UPDATE"]
                      resources: ["deployments"]
                  validations:
                  - expression: "object.spec.replicas <= 5"
                  - expression: "object.spec.replicas <= 3"
                    messageExpression: "'replicas: ' + string(object.spec.replicas)"
                ---
                apiVersion: admissionregistration.k8s.io/v1
                kind: ValidatingAdmissionPolicyBinding
                metadata:
                  name: %1$s
                spec:
                  policyName: %1$s
                  validationActions: [Warn]
                  matchResources:
                    namespaceSelector:
                      matchLabels:
                        kubernetes.io/metadata.name: %2$s
                """.formatted(name, ns);
        try {
            Kubectl.Result applied = kubectl.runWithInput(yaml, "apply", "-f", "-");
            assertThat(applied.exitCode()).as(applied.all()).isZero();
            Kubectl.Result patched = kubectl.run("patch", "validatingadmissionpolicybinding", name, "--type=merge", "-p",
                    "{\"spec\":{\"validationActions\":[\"Deny\"]}}");
            assertThat(patched.exitCode()).as(patched.all()).isZero();
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            Kubectl.Result six;
            do {
                Thread.sleep(200);
                six = kubectl.run("-n", ns, "create", "deployment", "web", "--image=busybox", "--replicas=6");
            } while (six.exitCode() == 0 && Instant.now().isBefore(deadline) && kubectl.run("-n", ns, "delete",
                    "deployment", "web").exitCode() == 0);

            assertThat(six.exitCode()).isNotZero();
            assertThat(six.err()).contains("deployments.apps \"web\" is forbidden: ValidatingAdmissionPolicy '" + name
                    + "' with binding '" + name + "' denied request: failed expression: object.spec.replicas <= 5");
            assertThat(kubectl.run("-n", ns, "get", "deployment", "web").err()).contains("NotFound");
            assertThat(kubectl.run("-n", ns, "create", "deployment", "four", "--image=busybox", "--replicas=4").err())
                    .contains("denied request: replicas: 4");

            kubectl.run("patch", "validatingadmissionpolicybinding", name, "--type=merge", "-p",
                    "{\"spec\":{\"validationActions\":[\"Warn\"]}}");
            deadline = Instant.now().plus(Duration.ofSeconds(30));
            Kubectl.Result warned;
            do {
                Thread.sleep(200);
                warned = kubectl.run("-n", ns, "create", "deployment", "warned", "--image=busybox", "--replicas=4",
                        "--dry-run=server");
            } while (warned.exitCode() != 0 && Instant.now().isBefore(deadline));
            assertThat(warned.exitCode()).as(warned.all()).isZero();
            assertThat(warned.err()).contains("Warning: Validation failed for ValidatingAdmissionPolicy '" + name
                    + "' with binding '" + name + "': replicas: 4");

            Kubectl.Result policies = kubectl.run("get", "validatingadmissionpolicies", name);
            assertThat(policies.out()).contains("VALIDATIONS").contains("PARAMKIND").containsPattern(name + "\\s+2\\s+<unset>");
            Kubectl.Result bindings = kubectl.run("get", "validatingadmissionpolicybindings");
            assertThat(bindings.out()).contains("POLICYNAME").contains("PARAMREF").containsPattern(name + "\\s+" + name + "\\s+<unset>");
            Kubectl.Result explained = kubectl.run("explain", "validatingadmissionpolicy.spec.validations");
            assertThat(explained.exitCode()).as(explained.all()).isZero();
            assertThat(explained.out()).contains("expression");

            Kubectl.Result bad = kubectl.runWithInput(yaml.replace("object.spec.replicas <= 5", "object.spec.replicas <=")
                    .replace(name, name + "-bad"), "apply", "-f", "-");
            assertThat(bad.exitCode()).isNotZero();
            assertThat(bad.err()).contains("spec.validations[0].expression").contains("compilation failed");
        } finally {
            kubectl.run("delete", "validatingadmissionpolicybinding", name, "--ignore-not-found");
            kubectl.run("delete", "validatingadmissionpolicy", name, "--ignore-not-found");
        }
    }
}
