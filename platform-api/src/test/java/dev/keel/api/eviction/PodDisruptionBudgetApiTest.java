package dev.keel.api.eviction;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.api.testing.ApiServerTest;
import dev.keel.api.testing.TestApiClient.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** policy/v1 PodDisruptionBudgets through the API: discovery, validation (nothing stored when refused), Table. */
class PodDisruptionBudgetApiTest extends ApiServerTest {

    private static final String TABLE = "application/json;as=Table;v=v1;g=meta.k8s.io";

    private String budgets;

    @BeforeEach
    void namespace() {
        budgets = "/apis/policy/v1/namespaces/" + createNamespace("pdb") + "/poddisruptionbudgets";
    }

    @Test
    void discoveryListsTheKindWithItsShortNameAndStatus() {
        String resources = api().get("/apis/policy/v1").json().path("resources").toString();

        assertThat(resources).contains("\"poddisruptionbudgets\"").contains("\"pdb\"").contains("\"poddisruptionbudgets/status\"");
    }

    @Test
    void bothMinAvailableAndMaxUnavailableAreRefusedAndNothingIsStored() {
        Response created = api().post(budgets, "{\"metadata\":{\"name\":\"both\"},\"spec\":{\"minAvailable\":1,"
                + "\"maxUnavailable\":1,\"selector\":{\"matchLabels\":{\"app\":\"web\"}}}}");

        assertThat(created.status()).isEqualTo(422);
        assertThat(created.json().path("reason").asText()).isEqualTo("Invalid");
        assertThat(created.json().path("message").asText()).startsWith("PodDisruptionBudget.policy \"both\" is invalid: spec: Invalid value: ")
                .endsWith("minAvailable and maxUnavailable cannot be both set");
        assertThat(api().get(budgets + "/both").status()).isEqualTo(404);
    }

    @Test
    void countsArePositiveIntegersOrPercentagesUpTo100() {
        Response negative = api().post(budgets, "{\"metadata\":{\"name\":\"a\"},\"spec\":{\"minAvailable\":-1}}");
        Response notPercent = api().post(budgets, "{\"metadata\":{\"name\":\"b\"},\"spec\":{\"maxUnavailable\":\"half\"}}");
        Response tooMuch = api().post(budgets, "{\"metadata\":{\"name\":\"c\"},\"spec\":{\"minAvailable\":\"150%\"}}");
        Response policy = api().post(budgets, "{\"metadata\":{\"name\":\"d\"},\"spec\":{\"minAvailable\":1,"
                + "\"unhealthyPodEvictionPolicy\":\"Sometimes\"}}");
        Response selector = api().post(budgets, "{\"metadata\":{\"name\":\"e\"},\"spec\":{\"minAvailable\":1,"
                + "\"selector\":{\"matchExpressions\":[{\"key\":\"app\",\"operator\":\"Near\"}]}}}");

        assertThat(negative.json().path("message").asText()).contains("spec.minAvailable: Invalid value: -1: must be greater than or equal to 0");
        assertThat(notPercent.json().path("message").asText()).contains("spec.maxUnavailable: Invalid value:")
                .contains("a valid percent string must be a numeric string followed by an ending '%'");
        assertThat(tooMuch.json().path("message").asText()).contains("spec.minAvailable: Invalid value:").contains("must not be greater than 100%");
        assertThat(policy.json().path("message").asText()).contains(
                "spec.unhealthyPodEvictionPolicy: Unsupported value: \"Sometimes\": supported values: \"AlwaysAllow\", \"IfHealthyBudget\"");
        assertThat(selector.json().path("message").asText()).contains("spec.selector.matchExpressions[0].operator");
        for (Response refused : new Response[] {negative, notPercent, tooMuch, policy, selector}) {
            assertThat(refused.status()).isEqualTo(422);
        }
        assertThat(api().get(budgets).json().path("items")).isEmpty();
    }

    @Test
    void aNewBudgetHasNoStatusAndItsGenerationCountsSpecChanges() {
        Response created = api().post(budgets, "{\"metadata\":{\"name\":\"web\"},\"spec\":{\"minAvailable\":\"50%\","
                + "\"selector\":{\"matchLabels\":{\"app\":\"web\"}},\"unhealthyPodEvictionPolicy\":\"AlwaysAllow\"},"
                + "\"status\":{\"disruptionsAllowed\":9}}");
        Response patched = api().patch(budgets + "/web", "application/merge-patch+json", "{\"spec\":{\"minAvailable\":2}}");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("status").path("disruptionsAllowed").asInt(0)).isZero();
        assertThat(patched.json().path("metadata").path("generation").asInt()).isEqualTo(2);
    }

    @Test
    void aNegativeStatusCountIsRefused() {
        api().post(budgets, "{\"metadata\":{\"name\":\"web\"},\"spec\":{\"minAvailable\":1}}");

        Response written = api().put(budgets + "/web/status", "{\"metadata\":{\"name\":\"web\"},\"status\":{\"disruptionsAllowed\":-1}}");

        assertThat(written.status()).isEqualTo(422);
        assertThat(written.json().path("message").asText()).contains("status.disruptionsAllowed");
    }

    @Test
    void theTableHasKubectlsColumns() {
        api().post(budgets, "{\"metadata\":{\"name\":\"web\"},\"spec\":{\"maxUnavailable\":\"25%\"}}");

        JsonNode table = api().get(budgets, TABLE).json();

        assertThat(table.path("columnDefinitions").findValuesAsText("name"))
                .containsExactly("Name", "Min Available", "Max Unavailable", "Allowed Disruptions", "Age");
        JsonNode cells = table.path("rows").get(0).path("cells");
        assertThat(cells.get(1).asText()).isEqualTo("N/A");
        assertThat(cells.get(2).asText()).isEqualTo("25%");
        assertThat(cells.get(3).asInt()).isZero();
    }
}
