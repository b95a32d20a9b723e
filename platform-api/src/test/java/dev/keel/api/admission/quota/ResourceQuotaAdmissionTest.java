package dev.keel.api.admission.quota;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.api.testing.ApiServerTest;
import dev.keel.api.testing.TestApiClient;
import dev.keel.api.testing.TestApiClient.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ResourceQuota through the real API on etcd: the kind itself, and the admission that charges it. No quota
 * controller runs here, so each test writes {@code status} itself as the controller would.
 */
class ResourceQuotaAdmissionTest extends ApiServerTest {

    private String namespace;
    private String quotas;
    private String pods;

    @BeforeEach
    void namespace() {
        namespace = createNamespace("quota");
        quotas = "/api/v1/namespaces/" + namespace + "/resourcequotas";
        pods = "/api/v1/namespaces/" + namespace + "/pods";
    }

    /** Creates a quota and sets its status as the controller would: hard from the spec, used all zero. */
    private void quota(String name, String hard, String zeroUsed, String specExtra) {
        Response created = api().post(quotas, "{\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{\"hard\":{" + hard + "}"
                + specExtra + "}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Response status = api().patch(quotas + "/" + name + "/status", "application/merge-patch+json",
                "{\"status\":{\"hard\":{" + hard + "},\"used\":{" + zeroUsed + "}}}");
        assertThat(status.status()).as(status.body()).isEqualTo(200);
    }

    private Response pod(String name, String resources) {
        return pod(api(), name, resources, "");
    }

    private Response pod(TestApiClient client, String name, String resources, String specExtra) {
        return client.post(pods, "{\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{" + specExtra
                + "\"containers\":[{\"name\":\"c\",\"image\":\"i\"" + (resources.isEmpty() ? "" : ",\"resources\":" + resources)
                + "}]}}");
    }

    private String used(String quota, String resource) {
        return api().get(quotas + "/" + quota).json().path("status").path("used").path(resource).asText();
    }

    @Test
    void theThirdPodIsRefusedWithKubernetesMessage() {
        quota("q", "\"pods\":\"2\"", "\"pods\":\"0\"", "");

        assertThat(pod("p1", "").status()).isEqualTo(201);
        assertThat(pod("p2", "").status()).isEqualTo(201);
        Response third = pod("p3", "");

        assertThat(third.status()).isEqualTo(403);
        assertThat(third.json().path("reason").asText()).isEqualTo("Forbidden");
        assertThat(third.json().path("message").asText())
                .isEqualTo("pods \"p3\" is forbidden: exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2");
        assertThat(api().get(pods + "/p3").status()).isEqualTo(404);
        assertThat(used("q", "pods")).isEqualTo("2");
    }

    @Test
    void computeResourcesMustBeStatedAndFit() {
        quota("compute", "\"requests.cpu\":\"1\",\"limits.memory\":\"1Gi\"",
                "\"requests.cpu\":\"0\",\"limits.memory\":\"0\"", "");

        Response unstated = pod("bare", "{\"requests\":{\"cpu\":\"100m\"}}");
        Response first = pod("a", "{\"requests\":{\"cpu\":\"600m\"},\"limits\":{\"memory\":\"512Mi\"}}");
        Response second = pod("b", "{\"requests\":{\"cpu\":\"600m\"},\"limits\":{\"memory\":\"256Mi\"}}");

        assertThat(unstated.status()).isEqualTo(403);
        assertThat(unstated.json().path("message").asText())
                .isEqualTo("pods \"bare\" is forbidden: failed quota: compute: must specify limits.memory for: c");
        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(403);
        assertThat(second.json().path("message").asText()).isEqualTo("pods \"b\" is forbidden: exceeded quota: compute, "
                + "requested: requests.cpu=600m, used: requests.cpu=600m, limited: requests.cpu=1");
        assertThat(used("compute", "requests.cpu")).isEqualTo("600m");
        assertThat(used("compute", "limits.memory")).isEqualTo("512Mi");
    }

    @Test
    void objectCountsOfOtherKinds() {
        quota("counts", "\"configmaps\":\"1\",\"count/secrets\":\"1\",\"services.nodeports\":\"1\"",
                "\"configmaps\":\"0\",\"count/secrets\":\"0\",\"services.nodeports\":\"0\"", "");
        String base = "/api/v1/namespaces/" + namespace;

        assertThat(api().post(base + "/configmaps", "{\"metadata\":{\"name\":\"a\"}}").status()).isEqualTo(201);
        Response secondMap = api().post(base + "/configmaps", "{\"metadata\":{\"name\":\"b\"}}");
        assertThat(api().post(base + "/secrets", "{\"metadata\":{\"name\":\"a\"}}").status()).isEqualTo(201);
        Response secondSecret = api().post(base + "/secrets", "{\"metadata\":{\"name\":\"b\"}}");
        Response twoNodePorts = api().post(base + "/services", "{\"metadata\":{\"name\":\"np\"},\"spec\":{\"type\":\"NodePort\","
                + "\"ports\":[{\"name\":\"a\",\"port\":80},{\"name\":\"b\",\"port\":81}]}}");

        assertThat(secondMap.json().path("message").asText()).isEqualTo("configmaps \"b\" is forbidden: exceeded quota: counts, "
                + "requested: configmaps=1, used: configmaps=1, limited: configmaps=1");
        assertThat(secondSecret.json().path("message").asText()).contains("requested: count/secrets=1");
        assertThat(twoNodePorts.status()).isEqualTo(403);
        assertThat(twoNodePorts.json().path("message").asText()).contains("requested: services.nodeports=2");
    }

    @Test
    void scopesChooseWhichPodsCount() {
        quota("besteffort", "\"pods\":\"1\"", "\"pods\":\"0\"", ",\"scopes\":[\"BestEffort\"]");
        quota("high", "\"pods\":\"1\"", "\"pods\":\"0\"",
                ",\"scopeSelector\":{\"matchExpressions\":[{\"scopeName\":\"PriorityClass\",\"operator\":\"In\",\"values\":[\"high\"]}]}");
        String burstable = "{\"requests\":{\"cpu\":\"10m\"}}";

        assertThat(pod("be1", "").status()).isEqualTo(201);
        Response be2 = pod("be2", "");
        assertThat(pod("burst1", burstable).status()).isEqualTo(201);
        assertThat(pod("burst2", burstable).status()).isEqualTo(201);

        assertThat(be2.json().path("message").asText()).contains("exceeded quota: besteffort");
        assertThat(used("besteffort", "pods")).isEqualTo("1");
        assertThat(used("high", "pods")).isEqualTo("0");
    }

    @Test
    void aQuotaWithoutUsageRefusesUntilTheControllerHasCounted() {
        api().post(quotas, "{\"metadata\":{\"name\":\"fresh\"},\"spec\":{\"hard\":{\"pods\":\"1\"}}}");
        api().patch(quotas + "/fresh/status", "application/merge-patch+json", "{\"status\":{\"hard\":{\"pods\":\"1\"}}}");

        Response refused = pod("p", "");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().path("message").asText()).endsWith("status unknown for quota: fresh, resources: pods");
    }

    @Test
    void dryRunChargesNothing() {
        quota("q", "\"pods\":\"1\"", "\"pods\":\"0\"", "");

        Response dry = api().post(pods + "?dryRun=All", "{\"metadata\":{\"name\":\"d\"},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"i\"}]}}");

        assertThat(dry.status()).isEqualTo(201);
        assertThat(used("q", "pods")).isEqualTo("0");
    }

    @Test
    void concurrentCreatesNeverOvershoot() throws Exception {
        quota("q", "\"pods\":\"5\"", "\"pods\":\"0\"", "");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Response>> results = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                String name = "p" + i;
                TestApiClient client = api();
                results.add(pool.submit((Callable<Response>) () -> pod(client, name, "", "")));
            }
            int created = 0;
            int refused = 0;
            for (Future<Response> result : results) {
                int status = result.get().status();
                if (status == 201) {
                    created++;
                } else if (status == 403) {
                    refused++;
                }
            }
            assertThat(created).isEqualTo(5);
            assertThat(refused).isEqualTo(19);
        } finally {
            pool.shutdownNow();
        }
        assertThat(used("q", "pods")).isEqualTo("5");
        assertThat(api().get(pods).json().path("items").size()).isEqualTo(5);
    }

    @Test
    void badQuotasAreRefusedAndNotStored() {
        Response negative = api().post(quotas, "{\"metadata\":{\"name\":\"neg\"},\"spec\":{\"hard\":{\"pods\":\"-1\"}}}");
        Response unknown = api().post(quotas, "{\"metadata\":{\"name\":\"unk\"},\"spec\":{\"hard\":{\"bananas\":\"1\"}}}");
        Response fraction = api().post(quotas, "{\"metadata\":{\"name\":\"frac\"},\"spec\":{\"hard\":{\"pods\":\"1500m\"}}}");
        Response scope = api().post(quotas, "{\"metadata\":{\"name\":\"scope\"},\"spec\":{\"hard\":{\"pods\":\"1\"},"
                + "\"scopes\":[\"Sometimes\"]}}");

        assertThat(negative.status()).isEqualTo(422);
        assertThat(negative.json().path("message").asText()).isEqualTo(
                "ResourceQuota \"neg\" is invalid: spec.hard[pods]: Invalid value: \"-1\": must be greater than or equal to 0");
        assertThat(unknown.json().path("message").asText()).isEqualTo(
                "ResourceQuota \"unk\" is invalid: spec.hard[bananas]: Invalid value: \"bananas\": must be a standard resource for quota");
        assertThat(fraction.json().path("message").asText()).endsWith("spec.hard[pods]: Invalid value: \"1500m\": must be an integer");
        assertThat(scope.json().path("message").asText()).endsWith("spec.scopes[0]: Invalid value: \"Sometimes\": unsupported scope");
        assertThat(api().get(quotas).json().path("items").size()).isZero();
    }

    @Test
    void discoveryTableAndProtobuf() {
        quota("q", "\"pods\":\"2\",\"limits.cpu\":\"2\"", "\"pods\":\"0\",\"limits.cpu\":\"0\"", "");

        Response discovery = api().get("/api/v1");
        Response table = api().get(quotas, "application/json;as=Table;v=v1;g=meta.k8s.io");
        TestApiClient.BinaryResponse protobuf = api().exchangeBytes("GET", quotas + "/q", null, null,
                "Accept", "application/vnd.kubernetes.protobuf");

        assertThat(discovery.body()).contains("\"resourcequotas\"").contains("\"quota\"").contains("\"resourcequotas/status\"");
        assertThat(table.json().path("columnDefinitions").findValuesAsText("name")).containsExactly("Name", "Age", "Request", "Limit");
        assertThat(table.json().path("rows").get(0).path("cells").get(2).asText()).isEqualTo("pods: 0/2");
        assertThat(table.json().path("rows").get(0).path("cells").get(3).asText()).isEqualTo("limits.cpu: 0/2");
        assertThat(protobuf.status()).isEqualTo(200);
        assertThat(protobuf.header("Content-Type")).startsWith("application/vnd.kubernetes.protobuf");
    }
}
