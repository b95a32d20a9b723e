package dev.keel.api.eviction;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.api.testing.ApiServerTest;
import dev.keel.api.testing.TestApiClient.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The eviction subresource against the in-process server over real etcd: each decision kube-apiserver makes about a
 * pod and the PodDisruptionBudget that covers it. Budget statuses are written here as the disruption controller
 * would write them.
 */
class EvictionTest extends ApiServerTest {

    private String ns;
    private String pods;
    private String budgets;

    @BeforeEach
    void namespace() {
        ns = createNamespace("evict");
        pods = "/api/v1/namespaces/" + ns + "/pods";
        budgets = "/apis/policy/v1/namespaces/" + ns + "/poddisruptionbudgets";
    }

    @Test
    void aBudgetWithNoDisruptionLeftRefusesWith429AndKeepsThePod() {
        runningPod("web-1", true);
        budget("web", "\"minAvailable\":1", 0, 1, 1);

        Response evicted = evict("web-1");

        assertThat(evicted.status()).isEqualTo(429);
        assertThat(evicted.json().path("reason").asText()).isEqualTo("TooManyRequests");
        assertThat(evicted.json().path("message").asText())
                .isEqualTo("Cannot evict pod as it would violate the pod's disruption budget.");
        JsonNode cause = evicted.json().path("details").path("causes").get(0);
        assertThat(cause.path("reason").asText()).isEqualTo("DisruptionBudget");
        assertThat(cause.path("message").asText()).isEqualTo("The disruption budget web needs 1 healthy pods and has 1 currently");
        assertThat(api().get(pods + "/web-1").status()).isEqualTo(200);
        assertThat(status("web").path("disruptionsAllowed").asInt()).isZero();
    }

    @Test
    void anAllowedEvictionTakesADisruptionAndRecordsThePod() {
        runningPod("web-1", true);
        budget("web", "\"maxUnavailable\":1", 1, 2, 1);

        Response evicted = evict("web-1");

        assertThat(evicted.status()).as(evicted.body()).isEqualTo(201);
        assertThat(api().get(pods + "/web-1").status()).isEqualTo(404);
        JsonNode status = status("web");
        assertThat(status.path("disruptionsAllowed").asInt()).isZero();
        assertThat(status.path("disruptedPods").has("web-1")).isTrue();
        assertThat(condition(status, "DisruptionAllowed").path("reason").asText()).isEqualTo("InsufficientPods");
        assertThat(condition(status, "DisruptionAllowed").path("status").asText()).isEqualTo("False");
    }

    @Test
    void theSecondEvictionOfABudgetAllowingOneIsRefused() {
        runningPod("web-1", true);
        runningPod("web-2", true);
        budget("web", "\"minAvailable\":1", 1, 2, 1);

        Response first = evict("web-1");
        Response second = evict("web-2");

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(429);
        assertThat(api().get(pods + "/web-2").status()).isEqualTo(200);
    }

    @Test
    void aBudgetNotYetObservedByItsControllerIsStillBeingProcessed() {
        runningPod("web-1", true);
        api().post(budgets, "{\"metadata\":{\"name\":\"web\"},\"spec\":{\"minAvailable\":0,"
                + "\"selector\":{\"matchLabels\":{\"app\":\"web\"}}}}");

        Response evicted = evict("web-1");

        assertThat(evicted.status()).isEqualTo(429);
        assertThat(evicted.header("Retry-After")).isEqualTo("10");
        assertThat(evicted.json().path("details").path("causes").get(0).path("message").asText())
                .isEqualTo("The disruption budget web is still being processed by the server.");
    }

    @Test
    void aPodUnderTwoBudgetsIsA500AndStays() {
        runningPod("web-1", true);
        budget("web", "\"minAvailable\":0", 1, 0, 1);
        budget("all", "\"minAvailable\":0", 1, 0, 1, "{}");

        Response evicted = evict("web-1");

        assertThat(evicted.status()).isEqualTo(500);
        assertThat(evicted.json().path("message").asText())
                .isEqualTo("This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.");
        assertThat(api().get(pods + "/web-1").status()).isEqualTo(200);
    }

    @Test
    void aMissingPodIs404AndChangesNothing() {
        budget("web", "\"minAvailable\":0", 1, 0, 1);

        Response evicted = evict("ghost");

        assertThat(evicted.status()).isEqualTo(404);
        assertThat(evicted.json().path("message").asText()).isEqualTo("pods \"ghost\" not found");
        assertThat(status("web").path("disruptionsAllowed").asInt()).isEqualTo(1);
    }

    @Test
    void aFinishedPodGoesWhateverItsBudget() {
        api().post(pods, pod("done", "web"));
        api().put(pods + "/done/status", "{\"metadata\":{\"name\":\"done\"},\"status\":{\"phase\":\"Succeeded\"}}");
        budget("web", "\"minAvailable\":5", 0, 5, 0);

        Response evicted = evict("done");

        assertThat(evicted.status()).isEqualTo(201);
        assertThat(api().get(pods + "/done").status()).isEqualTo(404);
    }

    @Test
    void aDryRunChecksTheBudgetButChangesNothing() {
        runningPod("web-1", true);
        budget("web", "\"minAvailable\":1", 1, 2, 1);

        Response evicted = api().post(pods + "/web-1/eviction?dryRun=All",
                "{\"apiVersion\":\"policy/v1\",\"kind\":\"Eviction\",\"metadata\":{\"name\":\"web-1\"}}");

        assertThat(evicted.status()).as(evicted.body()).isEqualTo(201);
        assertThat(api().get(pods + "/web-1").status()).isEqualTo(200);
        assertThat(status("web").path("disruptionsAllowed").asInt()).isEqualTo(1);
        assertThat(status("web").path("disruptedPods").isMissingNode()).isTrue();
    }

    @Test
    void anUnreadyPodGoesWithoutADisruptionUnderAlwaysAllow() {
        runningPod("web-1", false);
        api().post(budgets, "{\"metadata\":{\"name\":\"web\"},\"spec\":{\"minAvailable\":3,\"unhealthyPodEvictionPolicy\":"
                + "\"AlwaysAllow\",\"selector\":{\"matchLabels\":{\"app\":\"web\"}}}}");
        writeStatus("web", 0, 3, 0);

        Response evicted = evict("web-1");

        assertThat(evicted.status()).as(evicted.body()).isEqualTo(201);
        assertThat(api().get(pods + "/web-1").status()).isEqualTo(404);
        assertThat(status("web").path("disruptedPods").isMissingNode()).isTrue();
    }

    @Test
    void anUnreadyPodOfAnUnhealthyBudgetIsRefusedByDefault() {
        runningPod("web-1", false);
        budget("web", "\"minAvailable\":3", 0, 3, 0);

        assertThat(evict("web-1").status()).isEqualTo(429);
    }

    @Test
    void aPolicyV1beta1EvictionIsAccepted() {
        runningPod("web-1", true);

        Response evicted = api().post(pods + "/web-1/eviction",
                "{\"apiVersion\":\"policy/v1beta1\",\"kind\":\"Eviction\",\"metadata\":{\"name\":\"web-1\"}}");

        assertThat(evicted.status()).isEqualTo(201);
        assertThat(api().get(pods + "/web-1").status()).isEqualTo(404);
    }

    @Test
    void theEvictedPodCarriesTheDisruptionTargetConditionWhileItTerminates() {
        api().post(pods, pod("bound", "web").replace("\"spec\":{", "\"spec\":{\"nodeName\":\"node-x\","));
        api().put(pods + "/bound/status", "{\"metadata\":{\"name\":\"bound\"},\"status\":{\"phase\":\"Running\","
                + "\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\"}]}}");

        Response evicted = evict("bound");

        assertThat(evicted.status()).isEqualTo(201);
        JsonNode pod = api().get(pods + "/bound").json();
        assertThat(pod.path("metadata").has("deletionTimestamp")).isTrue();
        assertThat(condition(pod.path("status"), "DisruptionTarget").path("reason").asText()).isEqualTo("EvictionByEvictionAPI");
    }

    @Test
    void aBodyNamingAnotherPodIsRefused() {
        runningPod("web-1", true);

        Response evicted = api().post(pods + "/web-1/eviction",
                "{\"apiVersion\":\"policy/v1\",\"kind\":\"Eviction\",\"metadata\":{\"name\":\"web-2\"}}");

        assertThat(evicted.status()).isEqualTo(400);
        assertThat(evicted.json().path("message").asText()).isEqualTo("name in URL does not match name in Eviction object");
    }

    private Response evict(String pod) {
        return api().post(pods + "/" + pod + "/eviction",
                "{\"apiVersion\":\"policy/v1\",\"kind\":\"Eviction\",\"metadata\":{\"name\":\"" + pod + "\"}}");
    }

    private static String pod(String name, String app) {
        return "{\"metadata\":{\"name\":\"" + name + "\",\"labels\":{\"app\":\"" + app + "\"}},"
                + "\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"i\"}]}}";
    }

    private void runningPod(String name, boolean ready) {
        assertThat(api().post(pods, pod(name, "web")).status()).isEqualTo(201);
        Response status = api().put(pods + "/" + name + "/status", "{\"metadata\":{\"name\":\"" + name + "\"},\"status\":{"
                + "\"phase\":\"Running\",\"conditions\":[{\"type\":\"Ready\",\"status\":\"" + (ready ? "True" : "False") + "\"}]}}");
        assertThat(status.status()).as(status.body()).isEqualTo(200);
    }

    private void budget(String name, String count, int allowed, int desired, int current) {
        budget(name, count, allowed, desired, current, "{\"matchLabels\":{\"app\":\"web\"}}");
    }

    private void budget(String name, String count, int allowed, int desired, int current, String selector) {
        Response created = api().post(budgets, "{\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{" + count
                + ",\"selector\":" + selector + "}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        writeStatus(name, allowed, desired, current);
    }

    /** The status the disruption controller would write, observing the budget's generation. */
    private void writeStatus(String name, int allowed, int desired, int current) {
        Response written = api().put(budgets + "/" + name + "/status", "{\"metadata\":{\"name\":\"" + name + "\"},\"status\":{"
                + "\"observedGeneration\":1,\"disruptionsAllowed\":" + allowed + ",\"desiredHealthy\":" + desired
                + ",\"currentHealthy\":" + current + ",\"expectedPods\":" + current + "}}");
        assertThat(written.status()).as(written.body()).isEqualTo(200);
    }

    private JsonNode status(String name) {
        return api().get(budgets + "/" + name).json().path("status");
    }

    private static JsonNode condition(JsonNode status, String type) {
        for (JsonNode condition : status.path("conditions")) {
            if (condition.path("type").asText().equals(type)) {
                return condition;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }
}
