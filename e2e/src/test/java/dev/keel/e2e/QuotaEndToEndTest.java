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
 * ResourceQuota and LimitRange as a user meets them, with the real kubectl 1.27 and 1.33: {@code kubectl create quota}
 * then a third pod refused with Kubernetes' message, {@code get} and {@code describe quota}; a LimitRange whose defaults
 * show in a new pod and whose max refuses a bigger one; a Deployment whose ReplicaSet hits the quota and reports
 * FailedCreate with the quota's message.
 */
@LocalClusterTest
class QuotaEndToEndTest {

    private static final Duration CONVERGE = Duration.ofMinutes(2);
    private static final String IMAGE = LocalCluster.BUSYBOX;

    private static LocalCluster cluster;
    private static final List<String> namespaces = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void connect() {
        cluster = LocalCluster.get();
    }

    @AfterAll
    static void removeNamespaces() {
        namespaces.forEach(cluster::deleteNamespace);
    }

    private static String namespace(String prefix) {
        String name = cluster.createNamespace(prefix);
        namespaces.add(name);
        return name;
    }

    private static Kubectl.Result ok(Kubectl.Result result) {
        assertThat(result.exitCode()).as(result.all()).isZero();
        return result;
    }

    private static void awaitCounted(Kubectl kubectl, String namespace, String quota, String used) {
        Poll.until(CONVERGE, "quota " + quota + " counted", () -> used.equals(
                kubectl.run("-n", namespace, "get", "quota", quota, "-o", "jsonpath={.status.used.pods}").out().strip()));
    }

    @ParameterizedTest(name = "kubectl {0}")
    @ValueSource(strings = {"1.27", "1.33"})
    void theThirdPodIsRefusedByTheQuota(String version) {
        Kubectl kubectl = cluster.kubectlOf(version);
        String ns = namespace("quota");

        ok(kubectl.run("-n", ns, "create", "quota", "q", "--hard=pods=2"));
        awaitCounted(kubectl, ns, "q", "0");
        ok(kubectl.run("-n", ns, "run", "p1", "--image=" + IMAGE, "--restart=Never", "--", "sleep", "3600"));
        ok(kubectl.run("-n", ns, "run", "p2", "--image=" + IMAGE, "--restart=Never", "--", "sleep", "3600"));
        Kubectl.Result third = kubectl.run("-n", ns, "run", "p3", "--image=" + IMAGE, "--restart=Never", "--", "sleep", "3600");

        assertThat(third.exitCode()).isNotZero();
        assertThat(third.err()).contains("Error from server (Forbidden): pods \"p3\" is forbidden: "
                + "exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2");
        String table = ok(kubectl.run("-n", ns, "get", "quota")).out();
        assertThat(table).contains("REQUEST").contains("LIMIT").contains("pods: 2/2");
        String described = ok(kubectl.run("-n", ns, "describe", "quota", "q")).out();
        assertThat(described).contains("Resource").containsPattern("pods\\s+2\\s+2");
    }

    @ParameterizedTest(name = "kubectl {0}")
    @ValueSource(strings = {"1.27", "1.33"})
    void limitRangeDefaultsAndMaximum(String version) {
        Kubectl kubectl = cluster.kubectlOf(version);
        String ns = namespace("limits");
        ok(kubectl.runWithInput("""
                apiVersion: v1
                kind: LimitRange
                metadata:
                  name: cpu
                spec:
                  limits:
                  - type: Container
                    default: {cpu: 200m, memory: 64Mi}
                    defaultRequest: {cpu: 100m}
                    max: {cpu: "1"}
                """, "-n", ns, "apply", "-f", "-"));

        ok(kubectl.run("-n", ns, "run", "small", "--image=" + IMAGE, "--restart=Never", "--", "sleep", "3600"));
        Kubectl.Result big = kubectl.runWithInput("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: big
                spec:
                  restartPolicy: Never
                  containers:
                  - name: c
                    image: %s
                    command: [sleep, "3600"]
                    resources:
                      limits: {cpu: "2"}
                """.formatted(IMAGE), "-n", ns, "apply", "-f", "-");

        String limits = ok(kubectl.run("-n", ns, "get", "pod", "small", "-o",
                "jsonpath={.spec.containers[0].resources.limits.cpu} {.spec.containers[0].resources.requests.cpu}")).out();
        assertThat(limits.strip()).isEqualTo("200m 100m");
        assertThat(big.exitCode()).isNotZero();
        assertThat(big.err()).contains("pods \"big\" is forbidden: maximum cpu usage per Container is 1, but limit is 2");
        assertThat(ok(kubectl.run("-n", ns, "get", "limits")).out()).contains("CREATED AT").contains("cpu");
        assertThat(ok(kubectl.run("-n", ns, "describe", "limitrange", "cpu")).out()).contains("Container").contains("200m");
    }

    @ParameterizedTest(name = "kubectl {0}")
    @ValueSource(strings = {"1.27", "1.33"})
    void aDeploymentHittingTheQuotaShowsFailedCreate(String version) {
        Kubectl kubectl = cluster.kubectlOf(version);
        String ns = namespace("quota-deploy");
        ok(kubectl.run("-n", ns, "create", "quota", "q", "--hard=pods=1"));
        awaitCounted(kubectl, ns, "q", "0");

        ok(kubectl.run("-n", ns, "create", "deployment", "web", "--image=" + IMAGE, "--replicas=2", "--", "sleep", "3600"));

        String events = Poll.until(CONVERGE, "a FailedCreate event", () -> {
            String out = kubectl.run("-n", ns, "get", "events", "-o",
                    "jsonpath={range .items[*]}{.reason}: {.message}{\"\\n\"}{end}").out();
            return out.contains("FailedCreate") ? out : null;
        });
        assertThat(events).containsPattern("FailedCreate: Error creating: pods \"web-[a-z0-9]+-[a-z0-9]+\" is forbidden: "
                + "exceeded quota: q, requested: pods=1, used: pods=1, limited: pods=1");
        assertThat(ok(kubectl.run("-n", ns, "get", "events")).out()).contains("FailedCreate").contains("exceeded quota: q");
    }
}
