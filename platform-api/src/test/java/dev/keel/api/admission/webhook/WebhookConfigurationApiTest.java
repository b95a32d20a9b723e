package dev.keel.api.admission.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.api.testing.ApiServerTest;
import dev.keel.api.testing.TestApiClient.Response;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The two configuration kinds over the API: defaults, kube-apiserver's validation (422 naming each field, nothing
 * stored), the table kubectl prints and discovery. No webhook here selects any request (the rules name a
 * resource nobody writes), so other tests sharing the server are untouched.
 */
class WebhookConfigurationApiTest extends ApiServerTest {

    private static final String MUTATING = AdmissionWebhookTest.MUTATING;
    private static final String VALIDATING = AdmissionWebhookTest.VALIDATING;
    private static final String RULE = "{\"operations\":[\"CREATE\"],\"apiGroups\":[\"example.com\"],\"apiVersions\":[\"v1\"],"
            + "\"resources\":[\"nothings\"]}";

    private final List<String> created = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        created.forEach(api()::delete);
    }

    private static String webhook(String fields) {
        return "{\"name\":\"hook.test.keel.dev\",\"clientConfig\":{\"url\":\"https://127.0.0.1:1/x\"},"
                + "\"rules\":[" + RULE + "],\"sideEffects\":\"None\",\"admissionReviewVersions\":[\"v1\"]" + fields + "}";
    }

    private static String configuration(String kind, String name, String... webhooks) {
        return "{\"apiVersion\":\"admissionregistration.k8s.io/v1\",\"kind\":\"" + kind + "\",\"metadata\":{\"name\":\"" + name
                + "\"},\"webhooks\":[" + String.join(",", webhooks) + "]}";
    }

    private Response post(String collection, String body) {
        Response response = api().post(collection, body);
        if (response.status() == 201) {
            created.add(collection + "/" + response.json().path("metadata").path("name").asText());
        }
        return response;
    }

    @Test
    void defaultsAreThoseOfV1() {
        Response mutating = post(MUTATING, configuration("MutatingWebhookConfiguration", uniqueName("defaults"),
                webhook("").replace("{\"url\":\"https://127.0.0.1:1/x\"}",
                        "{\"service\":{\"namespace\":\"default\",\"name\":\"hooks\"}}")));

        assertThat(mutating.status()).as(mutating.body()).isEqualTo(201);
        JsonNode hook = mutating.json().path("webhooks").get(0);
        assertThat(hook.path("failurePolicy").asText()).isEqualTo("Fail");
        assertThat(hook.path("matchPolicy").asText()).isEqualTo("Equivalent");
        assertThat(hook.path("timeoutSeconds").asInt()).isEqualTo(10);
        assertThat(hook.path("reinvocationPolicy").asText()).isEqualTo("Never");
        assertThat(hook.path("namespaceSelector").isObject()).isTrue();
        assertThat(hook.path("objectSelector").isObject()).isTrue();
        assertThat(hook.path("rules").get(0).path("scope").asText()).isEqualTo("*");
        assertThat(hook.path("clientConfig").path("service").path("port").asInt()).isEqualTo(443);

        Response validating = post(VALIDATING, configuration("ValidatingWebhookConfiguration", uniqueName("defaults"), webhook("")));
        assertThat(validating.status()).isEqualTo(201);
        assertThat(validating.json().path("webhooks").get(0).has("reinvocationPolicy")).isFalse();
    }

    @Test
    void badWebhooksAreRefusedWithKubernetesFieldErrors() {
        String name = uniqueName("bad");
        Response response = post(VALIDATING, configuration("ValidatingWebhookConfiguration", name,
                webhook("").replace("hook.test.keel.dev", "two.parts"),
                webhook(",\"failurePolicy\":\"Maybe\",\"timeoutSeconds\":31,\"matchPolicy\":\"Close\"")
                        .replace("\"sideEffects\":\"None\",", "").replace("[\"v1\"]", "[\"v1beta1\"]"),
                webhook("").replace("{\"url\":\"https://127.0.0.1:1/x\"}",
                        "{\"url\":\"http://u@example.com/x?q=1\",\"service\":{\"namespace\":\"a\",\"name\":\"b\"}}"),
                webhook("").replace("hook.test.keel.dev", "other.test.keel.dev")
                        .replace("{\"url\":\"https://127.0.0.1:1/x\"}", "{\"url\":\"http://u@example.com/x?q=1#f\"}"),
                webhook("").replace("hook.test.keel.dev", "third.test.keel.dev")
                        .replace("{\"url\":\"https://127.0.0.1:1/x\"}",
                                "{\"service\":{\"namespace\":\"\",\"name\":\"b\",\"port\":0,\"path\":\"no-slash//x\"}}")
                        .replace(RULE, "{\"operations\":[\"*\",\"PATCH\"],\"apiGroups\":[],\"apiVersions\":[\"v1\"],"
                                + "\"resources\":[\"*/*\",\"pods\"],\"scope\":\"Somewhere\"}")));

        assertThat(response.status()).as(response.body()).isEqualTo(422);
        List<String> errors = new ArrayList<>();
        response.json().path("details").path("causes")
                .forEach(cause -> errors.add(cause.path("field").asText() + ": " + cause.path("message").asText()));
        assertThat(errors).contains(
                "webhooks[0].name: Invalid value: \"two.parts\": should be a domain with at least three segments separated by dots",
                "webhooks[1].failurePolicy: Unsupported value: \"Maybe\": supported values: \"Fail\", \"Ignore\"",
                "webhooks[1].matchPolicy: Unsupported value: \"Close\": supported values: \"Equivalent\", \"Exact\"",
                "webhooks[1].sideEffects: Required value: must specify one of None, NoneOnDryRun",
                "webhooks[1].timeoutSeconds: Invalid value: 31: the timeout value must be between 1 and 30 seconds",
                "webhooks[1].admissionReviewVersions: Invalid value: []string{\"v1beta1\"}: must include at least one of v1",
                "webhooks[2].name: Duplicate value: \"hook.test.keel.dev\"",
                "webhooks[2].clientConfig: Required value: exactly one of url or service is required",
                "webhooks[3].clientConfig.url: Invalid value: \"http\": 'https' is the only allowed URL scheme; desired format: https://host[/path]",
                "webhooks[3].clientConfig.url: Invalid value: \"u\": user information is not permitted in the URL",
                "webhooks[3].clientConfig.url: Invalid value: \"f\": fragments are not permitted in the URL",
                "webhooks[3].clientConfig.url: Invalid value: \"q=1\": query parameters are not permitted in the URL",
                "webhooks[4].clientConfig.service.namespace: Required value: service namespace is required",
                "webhooks[4].clientConfig.service.port: Invalid value: 0: port is not valid: must be between 1 and 65535, inclusive",
                "webhooks[4].clientConfig.service.path: Invalid value: \"no-slash//x\": must start with a '/'",
                "webhooks[4].rules[0].operations: Invalid value: []string{\"*\", \"PATCH\"}: if '*' is present, must not specify other operations",
                "webhooks[4].rules[0].operations[1]: Unsupported value: \"PATCH\": supported values: \"*\", \"CONNECT\", \"CREATE\", \"DELETE\", \"UPDATE\"",
                "webhooks[4].rules[0].apiGroups: Required value",
                "webhooks[4].rules[0].resources: Invalid value: []string{\"*/*\", \"pods\"}: if '*/*' is present, must not specify other resources",
                "webhooks[4].rules[0].scope: Unsupported value: \"Somewhere\": supported values: \"*\", \"Cluster\", \"Namespaced\"");
        assertThat(response.json().path("message").asText())
                .startsWith("ValidatingWebhookConfiguration.admissionregistration.k8s.io \"" + name + "\" is invalid: [");
        assertThat(api().get(VALIDATING + "/" + name).status()).isEqualTo(404);
    }

    @Test
    void reinvocationPolicyIsChecked() {
        Response response = post(MUTATING, configuration("MutatingWebhookConfiguration", uniqueName("reinvoke"),
                webhook(",\"reinvocationPolicy\":\"Always\"")));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().path("message").asText())
                .contains("webhooks[0].reinvocationPolicy: Unsupported value: \"Always\": supported values: \"IfNeeded\", \"Never\"");
    }

    @Test
    void kubectlSeesWebhooksAndAge() {
        String name = uniqueName("table");
        post(VALIDATING, configuration("ValidatingWebhookConfiguration", name, webhook(""),
                webhook("").replace("hook.test.keel.dev", "second.test.keel.dev")));

        JsonNode table = api().get(VALIDATING + "/" + name, "application/json;as=Table;v=v1;g=meta.k8s.io").json();

        List<String> columns = new ArrayList<>();
        table.path("columnDefinitions").forEach(column -> columns.add(column.path("name").asText()));
        assertThat(columns).containsExactly("Name", "Webhooks", "Age");
        assertThat(table.path("rows").get(0).path("cells").get(1).asInt()).isEqualTo(2);
    }

    @Test
    void discoveryListsBothKinds() {
        Response resources = api().get("/apis/admissionregistration.k8s.io/v1");

        assertThat(resources.body()).contains("\"mutatingwebhookconfigurations\"").contains("\"validatingwebhookconfigurations\"")
                .contains("\"api-extensions\"");
    }
}
