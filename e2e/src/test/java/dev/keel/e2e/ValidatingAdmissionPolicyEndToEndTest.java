package dev.keel.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.api.testing.Kubectl;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ValidatingAdmissionPolicy (admissionregistration.k8s.io/v1) as a user meets it with the real kubectl 1.27 and 1.33:
 * {@code kubectl apply} of a policy and bindings (kubectl 1.27 knows only v1alpha1/v1beta1 itself; it finds v1
 * through the server's discovery), a Deployment of 6 replicas refused with Kubernetes' message and not stored, 5
 * admitted with the Warn binding's warning, {@code get} with kubectl's columns, and a policy whose expression does
 * not compile refused naming the field. Bindings select only the test's namespace.
 */
@LocalClusterTest
class ValidatingAdmissionPolicyEndToEndTest {

    private static final Duration CONVERGE = Duration.ofMinutes(1);

    private static LocalCluster cluster;
    private static final List<String> namespaces = new CopyOnWriteArrayList<>();
    private static final List<String> policies = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void connect() {
        cluster = LocalCluster.get();
    }

    @AfterAll
    static void removeEverything() {
        Kubectl kubectl = cluster.kubectlOf("1.33");
        for (String name : policies) {
            kubectl.run("delete", "validatingadmissionpolicybinding", name, name + "-warn", "--ignore-not-found");
            kubectl.run("delete", "validatingadmissionpolicy", name, name + "-warn", name + "-bad", "--ignore-not-found");
        }
        namespaces.forEach(cluster::deleteNamespace);
    }

    private static Kubectl.Result ok(Kubectl.Result result) {
        assertThat(result.exitCode()).as(result.all()).isZero();
        return result;
    }

    private static String policy(String name, String expression, String message) {
        return """
                apiVersion: admissionregistration.k8s.io/v1
                kind: ValidatingAdmissionPolicy
                metadata:
                  name: %s
                spec:
                  failurePolicy: Fail
                  matchConstraints:
                    resourceRules:
                    - apiGroups: ["apps"]
                      apiVersions: ["v1"]
                      operations: ["CREATE", "UPDATE"]
                      resources: ["deployments"]
                  validations:
                  - expression: "%s"
                %s""".formatted(name, expression, message == null ? "" : "    message: \"" + message + "\"\n");
    }

    private static String binding(String name, String policy, String action, String namespace) {
        return """
                apiVersion: admissionregistration.k8s.io/v1
                kind: ValidatingAdmissionPolicyBinding
                metadata:
                  name: %s
                spec:
                  policyName: %s
                  validationActions: [%s]
                  matchResources:
                    namespaceSelector:
                      matchLabels:
                        kubernetes.io/metadata.name: %s
                """.formatted(name, policy, action, namespace);
    }

    @ParameterizedTest(name = "kubectl {0}")
    @ValueSource(strings = {"1.27", "1.33"})
    void aPolicyRefusesAndWarns(String version) {
        Kubectl kubectl = cluster.kubectlOf(version);
        String ns = cluster.createNamespace("vap");
        namespaces.add(ns);
        String name = "max-replicas-" + ns;
        policies.add(name);

        ok(kubectl.runWithInput(policy(name, "object.spec.replicas <= 5", null) + "---\n"
                + binding(name, name, "Deny", ns) + "---\n"
                + policy(name + "-warn", "object.spec.replicas <= 3", "more than 3 replicas") + "---\n"
                + binding(name + "-warn", name + "-warn", "Warn", ns), "apply", "-f", "-"));
        Poll.until(CONVERGE, "the policy in force", () -> kubectl.run("-n", ns, "create", "deployment", "probe",
                "--image=" + LocalCluster.BUSYBOX, "--replicas=6", "--dry-run=server").exitCode() != 0 ? true : null);

        Kubectl.Result six = kubectl.run("-n", ns, "create", "deployment", "web", "--image=" + LocalCluster.BUSYBOX,
                "--replicas=6");
        Kubectl.Result five = kubectl.run("-n", ns, "create", "deployment", "small", "--image=" + LocalCluster.BUSYBOX,
                "--replicas=5");

        assertThat(six.exitCode()).isNotZero();
        assertThat(six.err()).contains("ValidatingAdmissionPolicy '" + name + "' with binding '" + name
                + "' denied request: failed expression: object.spec.replicas <= 5");
        assertThat(kubectl.run("-n", ns, "get", "deployment", "web").err()).contains("NotFound");
        ok(five);
        assertThat(five.err()).contains("Warning: Validation failed for ValidatingAdmissionPolicy '" + name
                + "-warn' with binding '" + name + "-warn': more than 3 replicas");
        String policiesTable = ok(kubectl.run("get", "validatingadmissionpolicies", name)).out();
        assertThat(policiesTable).contains("NAME").contains("VALIDATIONS").contains("PARAMKIND").contains("AGE")
                .containsPattern(name + "\\s+1\\s+<unset>");
        String bindingsTable = ok(kubectl.run("get", "validatingadmissionpolicybindings", name)).out();
        assertThat(bindingsTable).contains("POLICYNAME").contains("PARAMREF").containsPattern(name + "\\s+" + name + "\\s+<unset>");
    }

    @ParameterizedTest(name = "kubectl {0}")
    @ValueSource(strings = {"1.27", "1.33"})
    void aPolicyThatDoesNotCompileIsRefused(String version) {
        Kubectl kubectl = cluster.kubectlOf(version);
        String name = "bad-" + version.replace('.', '-') + "-" + System.nanoTime() % 100000;
        policies.add(name.substring(0, name.length()));

        Kubectl.Result bad = kubectl.runWithInput(policy(name + "-bad", "object.spec.replicas <= ", null), "apply", "-f", "-");

        assertThat(bad.exitCode()).isNotZero();
        assertThat(bad.err()).contains("spec.validations[0].expression").contains("compilation failed");
        assertThat(kubectl.run("get", "validatingadmissionpolicy", name + "-bad").err()).contains("NotFound");
    }
}
