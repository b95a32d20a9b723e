package dev.keel.api.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.api.testing.ApiServerTest;
import dev.keel.api.testing.TestApiClient.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every kind of bad input answers with a Kubernetes Status and leaves storage as it was. */
class BadInputTest extends ApiServerTest {

    private String ns;
    private String deployments;

    @BeforeEach
    void namespace() {
        ns = createNamespace("bad");
        deployments = "/apis/apps/v1/namespaces/" + ns + "/deployments";
    }

    private static String deployment(String name, String replicas, String extra) {
        return """
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"%s"},
                 "spec":{"replicas":%s,%s"selector":{"matchLabels":{"app":"d"}},
                  "template":{"metadata":{"labels":{"app":"d"}},"spec":{"containers":[{"name":"c","image":"i"}]}}}}"""
                .formatted(name, replicas, extra);
    }

    private void assertStatus(Response response, int code, String reason, String messagePart) {
        assertThat(response.status()).as(response.body()).isEqualTo(code);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(response.json().path("kind").asText()).isEqualTo("Status");
        assertThat(response.json().path("status").asText()).isEqualTo("Failure");
        assertThat(response.json().path("code").asInt()).isEqualTo(code);
        assertThat(response.json().path("reason").asText()).isEqualTo(reason);
        assertThat(response.json().path("message").asText()).contains(messagePart);
    }

    private void assertNothingStored(String name) {
        assertThat(api().get(deployments + "/" + name).status()).isEqualTo(404);
    }

    @Test
    void malformedJsonIsABadRequest() {
        assertStatus(api().post(deployments, "{\"metadata\": {\"name\": \"d\""), 400, "BadRequest", "could not be decoded as JSON");
        assertNothingStored("d");
    }

    @Test
    void malformedYamlIsABadRequest() {
        Response response = api().send("POST", deployments, "metadata:\n  name: d\n   bad: [", "application/yaml");
        assertStatus(response, 400, "BadRequest", "YAML");
        assertNothingStored("d");
    }

    @Test
    void aBodyThatIsNotAnObjectIsABadRequest() {
        assertStatus(api().post(deployments, "[1,2]"), 400, "BadRequest", "must be a JSON or YAML object");
    }

    @Test
    void aValueOfTheWrongTypeNamesTheField() {
        assertStatus(api().post(deployments, deployment("d", "\"three\"", "")), 400, "BadRequest", "spec.replicas");
        assertNothingStored("d");
    }

    @Test
    void unknownFieldsAreRefusedUnderStrictValidation() {
        Response response = api().post(deployments + "?fieldValidation=Strict", deployment("d", "1", "\"surprise\":true,"));
        assertStatus(response, 400, "BadRequest", "unknown field \"spec.surprise\"");
        assertNothingStored("d");
    }

    @Test
    void unknownFieldsAreDroppedWithAWarningByDefault() {
        Response response = api().post(deployments, deployment("d", "1", "\"surprise\":true,"));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.header("Warning")).contains("unknown field \\\"spec.surprise\\\"");
        assertThat(api().get(deployments + "/d").json().path("spec").has("surprise")).isFalse();
    }

    @Test
    void aKindThatDoesNotMatchTheUrlIsRefused() {
        String pod = "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"d\"}}";
        assertStatus(api().post(deployments, pod), 400, "BadRequest", "does not match");
        assertNothingStored("d");
    }

    @Test
    void aNamespaceThatDoesNotMatchTheUrlIsRefused() {
        String body = "{\"metadata\":{\"name\":\"c\",\"namespace\":\"other\"},\"data\":{}}";
        assertStatus(api().post("/api/v1/namespaces/" + ns + "/configmaps", body), 400, "BadRequest",
                "does not match the namespace");
    }

    @Test
    void aNameThatDoesNotMatchTheUrlIsRefused() {
        api().post(deployments, deployment("d", "1", ""));
        assertStatus(api().put(deployments + "/d", deployment("other", "5", "")), 400, "BadRequest",
                "does not match the name on the URL");
        assertThat(api().get(deployments + "/d").json().path("spec").path("replicas").asInt()).isEqualTo(1);
    }

    @Test
    void aMissingNameIsInvalid() {
        Response response = api().post("/api/v1/namespaces/" + ns + "/configmaps", "{\"data\":{\"a\":\"b\"}}");
        assertStatus(response, 422, "Invalid", "name or generateName is required");
    }

    @Test
    void anOversizedBodyIsRefusedWith413() {
        String big = "x".repeat(3 * 1024 * 1024 + 10);
        Response response = api().post("/api/v1/namespaces/" + ns + "/configmaps",
                "{\"metadata\":{\"name\":\"big\"},\"data\":{\"a\":\"" + big + "\"}}");
        assertStatus(response, 413, "RequestEntityTooLarge", "limit is");
        assertThat(api().get("/api/v1/namespaces/" + ns + "/configmaps/big").status()).isEqualTo(404);
    }

    @Test
    void anObjectLargerThanEtcdAcceptsIsRefusedWith413() {
        // Environment values have no size limit of their own, so only etcd's value limit stops this one.
        StringBuilder env = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            env.append("{\"name\":\"V").append(i).append("\",\"value\":\"").append("x".repeat(100_000)).append("\"},");
        }
        String body = deployment("big", "1", "").replace("\"image\":\"i\"}",
                "\"image\":\"i\",\"env\":[" + env.substring(0, env.length() - 1) + "]}");
        assertStatus(api().post(deployments, body), 413, "RequestEntityTooLarge", "too large");
        assertNothingStored("big");
    }

    @Test
    void aConfigMapOverOneMebibyteIsInvalid() {
        String big = "x".repeat(1_100_000);
        Response response = api().post("/api/v1/namespaces/" + ns + "/configmaps",
                "{\"metadata\":{\"name\":\"big\"},\"data\":{\"a\":\"" + big + "\"}}");
        assertStatus(response, 422, "Invalid", "Too long");
        assertThat(api().get("/api/v1/namespaces/" + ns + "/configmaps/big").status()).isEqualTo(404);
    }

    @Test
    void anUnknownContentTypeIsUnsupported() {
        Response response = api().send("POST", deployments, deployment("d", "1", ""), "text/plain");
        assertStatus(response, 415, "UnsupportedMediaType", "text/plain");
        assertNothingStored("d");
    }

    @Test
    void anUnknownPatchTypeIsUnsupported() {
        api().post(deployments, deployment("d", "1", ""));
        assertStatus(api().patch(deployments + "/d", "application/json", "{}"), 415, "UnsupportedMediaType", "application/json");
    }

    @Test
    void aStaleResourceVersionInAPatchConflicts() {
        api().post(deployments, deployment("d", "1", ""));
        Response response = api().patch(deployments + "/d", "application/merge-patch+json",
                "{\"metadata\":{\"resourceVersion\":\"1\"},\"spec\":{\"replicas\":4}}");
        assertStatus(response, 409, "Conflict", "the object has been modified");
        assertThat(api().get(deployments + "/d").json().path("spec").path("replicas").asInt()).isEqualTo(1);
    }

    @Test
    void unknownResourcesAndBadPathsAreNotFound() {
        assertStatus(api().get("/api/v1/namespaces/" + ns + "/widgets"), 404, "NotFound", "could not find the requested resource");
        assertStatus(api().get("/apis/nope/v1/things"), 404, "NotFound", "could not find the requested resource");
    }

    @Test
    void aBadLabelSelectorIsABadRequest() {
        assertStatus(api().get(deployments + "?labelSelector=a%20in%20b"), 400, "BadRequest", "unable to parse requirement");
    }

    @Test
    void anUnsupportedFieldSelectorIsABadRequest() {
        assertStatus(api().get(deployments + "?fieldSelector=spec.replicas%3D1"), 400, "BadRequest",
                "field label not supported: spec.replicas");
    }

    @Test
    void aMalformedResourceVersionIsABadRequest() {
        assertStatus(api().get(deployments + "?watch=true&resourceVersion=abc"), 400, "BadRequest", "resourceVersion");
    }
}
