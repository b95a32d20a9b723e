package dev.keel.api.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.api.testing.ApiServerTest;
import dev.keel.api.testing.TestApiClient.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** scheduling.k8s.io/v1 PriorityClasses and the Priority admission of pods. */
class PriorityClassTest extends ApiServerTest {

    private static final String CLASSES = "/apis/scheduling.k8s.io/v1/priorityclasses";

    private String pods;

    @BeforeEach
    void namespace() {
        pods = "/api/v1/namespaces/" + createNamespace("prio") + "/pods";
    }

    @AfterEach
    void deleteClasses() {
        api().delete(CLASSES + "/high");
        api().delete(CLASSES + "/fallback");
    }

    private Response pod(String name, String specExtra) {
        return api().post(pods, "{\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{" + specExtra
                + "\"containers\":[{\"name\":\"c\",\"image\":\"i\"}]}}");
    }

    @Test
    void aPodNamingAClassGetsItsValueAndPolicy() {
        Response created = api().post(CLASSES, "{\"metadata\":{\"name\":\"high\"},\"value\":1000,\"preemptionPolicy\":\"Never\"}");

        Response pod = pod("p", "\"priorityClassName\":\"high\",");

        assertThat(created.status()).isEqualTo(201);
        assertThat(pod.json().path("spec").path("priority").asInt()).isEqualTo(1000);
        assertThat(pod.json().path("spec").path("preemptionPolicy").asText()).isEqualTo("Never");
    }

    @Test
    void anUnknownClassIsForbidden() {
        Response pod = pod("p", "\"priorityClassName\":\"nope\",");

        assertThat(pod.status()).isEqualTo(403);
        assertThat(pod.json().path("message").asText()).contains("no PriorityClass with name nope was found");
    }

    @Test
    void theGlobalDefaultAppliesToPodsNamingNoClass() {
        api().post(CLASSES, "{\"metadata\":{\"name\":\"fallback\"},\"value\":7,\"globalDefault\":true}");

        Response pod = pod("p", "");

        assertThat(pod.json().path("spec").path("priority").asInt()).isEqualTo(7);
        assertThat(pod.json().path("spec").path("priorityClassName").asText()).isEqualTo("fallback");
    }

    @Test
    void classesAreValidated() {
        Response tooHigh = api().post(CLASSES, "{\"metadata\":{\"name\":\"high\"},\"value\":2000000000}");
        Response reserved = api().post(CLASSES, "{\"metadata\":{\"name\":\"system-mine\"},\"value\":1}");
        api().post(CLASSES, "{\"metadata\":{\"name\":\"high\"},\"value\":10}");
        Response changed = api().patch(CLASSES + "/high", "application/merge-patch+json", "{\"value\":11}");

        assertThat(tooHigh.status()).isEqualTo(422);
        assertThat(reserved.status()).isEqualTo(422);
        assertThat(changed.status()).isEqualTo(422);
    }

    @Test
    void discoveryListsTheKind() {
        Response resources = api().get("/apis/scheduling.k8s.io/v1");

        assertThat(resources.json().path("resources").toString()).contains("\"priorityclasses\"").contains("\"pc\"");
    }
}
