package dev.keel.api.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.api.testing.ApiServerTest;
import dev.keel.api.testing.TestApiClient.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** core/v1 ReplicationControllers through the API: discovery, defaulting, validation, scale and Table. */
class ReplicationControllerApiTest extends ApiServerTest {

    private static final String TEMPLATE = "\"template\":{\"metadata\":{\"labels\":{\"app\":\"web\"}},"
            + "\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"i\"}]}}";

    private String controllers;

    @BeforeEach
    void namespace() {
        controllers = "/api/v1/namespaces/" + createNamespace("rc") + "/replicationcontrollers";
    }

    @Test
    void discoveryListsItWithShortNameCategoryAndSubresources() {
        JsonNode resources = api().get("/api/v1").json().path("resources");

        String text = resources.toString();
        assertThat(text).contains("\"replicationcontrollers\"").contains("\"rc\"")
                .contains("\"replicationcontrollers/scale\"").contains("\"replicationcontrollers/status\"");
        for (JsonNode resource : resources) {
            if (resource.path("name").asText().equals("replicationcontrollers")) {
                assertThat(resource.path("categories").toString()).contains("all");
            }
        }
    }

    @Test
    void selectorLabelsAndReplicasDefaultFromTheTemplate() {
        Response created = api().post(controllers, "{\"metadata\":{\"name\":\"web\"},\"spec\":{" + TEMPLATE + "}}");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode controller = created.json();
        assertThat(controller.path("spec").path("selector").path("app").asText()).isEqualTo("web");
        assertThat(controller.path("metadata").path("labels").path("app").asText()).isEqualTo("web");
        assertThat(controller.path("spec").path("replicas").asInt()).isEqualTo(1);
        assertThat(controller.path("spec").path("template").path("spec").path("restartPolicy").asText()).isEqualTo("Always");
    }

    @Test
    void aSelectorTheTemplateDoesNotMatchIsRefusedAndNothingIsStored() {
        Response created = api().post(controllers, "{\"metadata\":{\"name\":\"web\"},\"spec\":{\"selector\":{\"app\":\"db\"},"
                + TEMPLATE + "}}");

        assertThat(created.status()).isEqualTo(422);
        assertThat(created.json().path("message").asText()).isEqualTo("ReplicationController \"web\" is invalid: "
                + "spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"web\"}: "
                + "`selector` does not match template `labels`");
        assertThat(api().get(controllers + "/web").status()).isEqualTo(404);
    }

    @Test
    void withoutTemplateOrSelectorBothAreRequired() {
        Response created = api().post(controllers, "{\"metadata\":{\"name\":\"web\"},\"spec\":{\"replicas\":-1}}");

        assertThat(created.status()).isEqualTo(422);
        assertThat(created.json().path("message").asText()).contains("spec.selector: Required value")
                .contains("spec.replicas: Invalid value: -1: must be greater than or equal to 0")
                .contains("spec.template: Required value");
    }

    @Test
    void theScaleSubresourceReadsAndWritesReplicas() {
        api().post(controllers, "{\"metadata\":{\"name\":\"web\"},\"spec\":{\"replicas\":2," + TEMPLATE + "}}");

        Response patched = api().patch(controllers + "/web/scale", "application/merge-patch+json", "{\"spec\":{\"replicas\":4}}");

        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().path("spec").path("replicas").asInt()).isEqualTo(4);
        assertThat(patched.json().path("status").path("selector").asText()).isEqualTo("app=web");
        assertThat(api().get(controllers + "/web").json().path("spec").path("replicas").asInt()).isEqualTo(4);
    }

    @Test
    void theTableHasKubectlsColumns() {
        api().post(controllers, "{\"metadata\":{\"name\":\"web\"},\"spec\":{\"replicas\":3," + TEMPLATE + "}}");

        JsonNode table = api().get(controllers, "application/json;as=Table;v=v1;g=meta.k8s.io").json();

        assertThat(table.path("columnDefinitions").findValuesAsText("name"))
                .containsExactly("Name", "Desired", "Current", "Ready", "Age", "Containers", "Images", "Selector");
        JsonNode cells = table.path("rows").get(0).path("cells");
        assertThat(cells.get(1).asInt()).isEqualTo(3);
        assertThat(cells.get(7).asText()).isEqualTo("app=web");
    }
}
