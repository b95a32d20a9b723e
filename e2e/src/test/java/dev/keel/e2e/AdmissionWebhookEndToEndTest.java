package dev.keel.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.api.testing.Kubectl;
import dev.keel.api.testing.TestWebhookServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Dynamic admission webhooks as a user meets them, with the real kubectl 1.27 and 1.33: a webhook server in this
 * JVM (HTTPS on 127.0.0.1, its own throwaway CA as the caBundle, {@code url} clientConfig); a mutating webhook that
 * labels pods and ConfigMaps of the test's namespace (namespaceSelector), a validating one that refuses a ConfigMap
 * holding a given key, whose message kubectl shows; {@code kubectl get} of both configurations.
 */
@LocalClusterTest
class AdmissionWebhookEndToEndTest {

    private static final Duration CONVERGE = Duration.ofMinutes(1);

    private static LocalCluster cluster;
    private static TestWebhookServer webhook;
    private static final List<String> namespaces = new CopyOnWriteArrayList<>();
    private static final List<String[]> configurations = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        cluster = LocalCluster.get();
        webhook = TestWebhookServer.start();
    }

    @AfterAll
    static void cleanUp() {
        // Configurations first: they are cluster-wide and would outlive the namespaces.
        Kubectl kubectl = cluster.kubectlOf("1.33");
        configurations.forEach(kindAndName -> kubectl.run("delete", kindAndName[0], kindAndName[1], "--ignore-not-found"));
        namespaces.forEach(cluster::deleteNamespace);
        webhook.close();
    }

    private static Kubectl.Result ok(Kubectl.Result result) {
        assertThat(result.exitCode()).as(result.all()).isZero();
        return result;
    }

    @ParameterizedTest(name = "kubectl {0}")
    @ValueSource(strings = {"1.27", "1.33"})
    void webhooksLabelAndRefuse(String version) {
        Kubectl kubectl = cluster.kubectlOf(version);
        String ns = cluster.createNamespace("hooks");
        namespaces.add(ns);

        ok(kubectl.runWithInput(configurationsYaml(ns), "create", "-f", "-"));
        configurations.add(new String[] {"mutatingwebhookconfiguration", "label-" + ns});
        configurations.add(new String[] {"validatingwebhookconfiguration", "deny-" + ns});
        String listed = ok(kubectl.run("get", "validatingwebhookconfiguration", "deny-" + ns)).out();
        assertThat(listed).contains("WEBHOOKS").contains("AGE").containsPattern("deny-" + ns + "\\s+1\\s+");
        assertThat(ok(kubectl.run("get", "mutatingwebhookconfigurations", "label-" + ns, "-o",
                "jsonpath={.webhooks[0].failurePolicy} {.webhooks[0].timeoutSeconds}")).out()).isEqualTo("Fail 10");

        // The server follows configurations through its watch: wait until a probe is labelled.
        AtomicInteger probe = new AtomicInteger();
        Poll.until(CONVERGE, "the mutating webhook to take effect", () -> {
            String name = "probe-" + probe.incrementAndGet();
            ok(kubectl.run("-n", ns, "create", "configmap", name, "--from-literal=a=b"));
            return "yes".equals(kubectl.run("-n", ns, "get", "configmap", name, "-o",
                    "jsonpath={.metadata.labels.webhook-added}").out().strip());
        });

        ok(kubectl.run("-n", ns, "create", "configmap", "fine", "--from-literal=allowed=1"));
        assertThat(ok(kubectl.run("-n", ns, "get", "configmap", "fine", "-o", "jsonpath={.metadata.labels.webhook-added}"))
                .out()).isEqualTo("yes");
        ok(kubectl.run("-n", ns, "run", "web", "--image=" + LocalCluster.BUSYBOX, "--restart=Never", "--", "sleep", "3600"));
        assertThat(ok(kubectl.run("-n", ns, "get", "pod", "web", "-o", "jsonpath={.metadata.labels.webhook-added}")).out())
                .isEqualTo("yes");

        Kubectl.Result refused = kubectl.run("-n", ns, "create", "configmap", "bad", "--from-literal=forbidden=x");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.err()).contains("admission webhook \"deny.e2e.keel.dev\" denied the request: "
                + "the key \"forbidden\" is not allowed here");
        assertThat(kubectl.run("-n", ns, "get", "configmap", "bad").err()).contains("NotFound");

        Kubectl.Result patched = kubectl.run("-n", ns, "patch", "configmap", "fine", "--type=merge", "-p",
                "{\"data\":{\"forbidden\":\"later\"}}");
        assertThat(patched.exitCode()).isNotZero();
        assertThat(patched.err()).contains("the key \"forbidden\" is not allowed here");

        // Elsewhere the webhooks are not asked.
        String other = cluster.createNamespace("nohooks");
        namespaces.add(other);
        ok(kubectl.run("-n", other, "create", "configmap", "bad", "--from-literal=forbidden=x"));
        assertThat(kubectl.run("-n", other, "get", "configmap", "bad", "-o", "jsonpath={.metadata.labels}").out()).isEmpty();
    }

    private static String configurationsYaml(String ns) {
        return """
                apiVersion: admissionregistration.k8s.io/v1
                kind: MutatingWebhookConfiguration
                metadata:
                  name: label-%1$s
                webhooks:
                - name: label.e2e.keel.dev
                  clientConfig:
                    url: %2$s
                    caBundle: %4$s
                  rules:
                  - operations: ["CREATE"]
                    apiGroups: [""]
                    apiVersions: ["v1"]
                    resources: ["pods", "configmaps"]
                  namespaceSelector:
                    matchLabels:
                      kubernetes.io/metadata.name: %1$s
                  sideEffects: None
                  admissionReviewVersions: ["v1"]
                ---
                apiVersion: admissionregistration.k8s.io/v1
                kind: ValidatingWebhookConfiguration
                metadata:
                  name: deny-%1$s
                webhooks:
                - name: deny.e2e.keel.dev
                  clientConfig:
                    url: %3$s
                    caBundle: %4$s
                  rules:
                  - operations: ["CREATE", "UPDATE"]
                    apiGroups: [""]
                    apiVersions: ["v1"]
                    resources: ["configmaps"]
                  namespaceSelector:
                    matchLabels:
                      kubernetes.io/metadata.name: %1$s
                  failurePolicy: Fail
                  sideEffects: None
                  admissionReviewVersions: ["v1"]
                """.formatted(ns, webhook.url("/label/webhook-added/yes/" + ns), webhook.url("/deny-key/forbidden/" + ns),
                webhook.caBundle());
    }
}
