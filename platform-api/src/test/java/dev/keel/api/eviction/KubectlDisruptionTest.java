package dev.keel.api.eviction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.api.testing.ApiServerTest;
import dev.keel.api.testing.Kubectl;
import dev.keel.api.testing.Kubectl.Result;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real kubectl 1.27 and 1.33 against the in-process server: {@code create pdb}, {@code explain pdb},
 * {@code get pdb}, and {@code drain} held by a budget that allows no disruption until its timeout, then passing once
 * the budget allows one, and {@code uncordon}. Budget statuses are written as the disruption controller would.
 */
class KubectlDisruptionTest extends ApiServerTest {

    private Kubectl kubectl(String version) {
        Kubectl kubectl = new Kubectl(version, kubeconfig()).withTimeout(Duration.ofMinutes(2));
        assertThat(kubectl.available()).as("kubectl " + version + " is on the machine (MACHINE.md)").isTrue();
        return kubectl;
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.27", "1.33"})
    void createExplainAndGetABudget(String version) {
        Kubectl kubectl = kubectl(version);
        String ns = createNamespace("kubectl-pdb");

        Result created = kubectl.run("create", "pdb", "web", "-n", ns, "--selector=app=web", "--min-available=50%");
        Result explained = kubectl.run("explain", "pdb.spec");
        Result listed = kubectl.run("get", "pdb", "-n", ns);
        Result both = kubectl.run("create", "pdb", "both", "-n", ns, "--selector=app=web", "--min-available=1",
                "--max-unavailable=1");

        assertThat(created.exitCode()).as(created.all()).isZero();
        assertThat(created.out()).contains("poddisruptionbudget.policy/web created");
        assertThat(explained.exitCode()).as(explained.all()).isZero();
        assertThat(explained.out()).contains("minAvailable").contains("maxUnavailable").contains("unhealthyPodEvictionPolicy");
        assertThat(listed.out()).contains("MIN AVAILABLE").contains("MAX UNAVAILABLE").contains("ALLOWED DISRUPTIONS")
                .containsPattern("web\\s+50%\\s+N/A\\s+0");
        // kubectl itself refuses both counts before asking the server; the server refuses them too (API tests).
        assertThat(both.exitCode()).isNotZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.27", "1.33"})
    void drainWaitsOnABudgetAndPassesOnceItAllows(String version) {
        Kubectl kubectl = kubectl(version);
        String ns = createNamespace("kubectl-drain-pdb");
        String node = "node-" + ns;
        String pods = "/api/v1/namespaces/" + ns + "/pods";
        String budgets = "/apis/policy/v1/namespaces/" + ns + "/poddisruptionbudgets";
        assertThat(api().post("/api/v1/nodes", "{\"metadata\":{\"name\":\"" + node + "\"}}").status()).isEqualTo(201);
        try {
            assertThat(api().post(pods, "{\"metadata\":{\"name\":\"web-1\",\"labels\":{\"app\":\"web\"}},\"spec\":{\"nodeName\":\""
                    + node + "\",\"containers\":[{\"name\":\"c\",\"image\":\"i\"}]}}").status()).isEqualTo(201);
            api().put(pods + "/web-1/status", "{\"metadata\":{\"name\":\"web-1\"},\"status\":{\"phase\":\"Running\","
                    + "\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\"}]}}");
            api().post(budgets, "{\"metadata\":{\"name\":\"web\"},\"spec\":{\"minAvailable\":1,"
                    + "\"selector\":{\"matchLabels\":{\"app\":\"web\"}}}}");
            budgetStatus(budgets, 0);

            Result blocked = kubectl.run("drain", node, "--force", "--grace-period=0", "--timeout=8s");

            assertThat(blocked.exitCode()).as(blocked.all()).isNotZero();
            assertThat(blocked.err()).contains("Cannot evict pod as it would violate the pod's disruption budget.");
            assertThat(api().get(pods + "/web-1").status()).isEqualTo(200);
            assertThat(api().get("/api/v1/nodes/" + node).json().path("spec").path("unschedulable").asBoolean()).isTrue();

            budgetStatus(budgets, 1);
            Result drained = kubectl.run("drain", node, "--force", "--grace-period=0", "--timeout=30s");
            Result uncordoned = kubectl.run("uncordon", node);

            assertThat(drained.exitCode()).as(drained.all()).isZero();
            assertThat(drained.out()).contains("evicted").contains("drained");
            assertThat(api().get(pods + "/web-1").status()).isEqualTo(404);
            assertThat(api().get(budgets + "/web").json().path("status").path("disruptedPods").has("web-1")).isTrue();
            assertThat(uncordoned.exitCode()).as(uncordoned.all()).isZero();
            assertThat(api().get("/api/v1/nodes/" + node).json().path("spec").path("unschedulable").asBoolean()).isFalse();
        } finally {
            api().delete("/api/v1/nodes/" + node);
        }
    }

    private void budgetStatus(String budgets, int allowed) {
        assertThat(api().put(budgets + "/web/status", "{\"metadata\":{\"name\":\"web\"},\"status\":{\"observedGeneration\":1,"
                + "\"disruptionsAllowed\":" + allowed + ",\"desiredHealthy\":1,\"currentHealthy\":" + (1 + allowed)
                + ",\"expectedPods\":1}}").status()).isEqualTo(200);
    }
}
