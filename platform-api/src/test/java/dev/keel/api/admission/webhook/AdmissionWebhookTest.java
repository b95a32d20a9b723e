package dev.keel.api.admission.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.api.testing.ApiServerTest;
import dev.keel.api.testing.TestApiClient.Response;
import dev.keel.api.testing.TestWebhookServer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Webhooks called by the running server: a real HTTPS webhook on loopback ({@link TestWebhookServer}) allowing,
 * denying, patching, answering garbage, answering too late, or not listening, under both failure policies. Every
 * configuration selects only the test's namespace, so other tests sharing the server are not affected.
 */
class AdmissionWebhookTest extends ApiServerTest {

    static final String MUTATING = "/apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations";
    static final String VALIDATING = "/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations";

    private static TestWebhookServer webhook;

    @Autowired
    private WebhookConfigurations configurations;

    private String namespace;
    private String configMaps;
    private final List<String> created = new ArrayList<>();

    @BeforeAll
    static void startWebhook() {
        webhook = TestWebhookServer.start();
    }

    @AfterAll
    static void stopWebhook() {
        webhook.close();
    }

    @BeforeEach
    void namespace() {
        namespace = createNamespace("hooks");
        configMaps = "/api/v1/namespaces/" + namespace + "/configmaps";
    }

    @AfterEach
    void deleteConfigurations() {
        created.forEach(api()::delete);
        poll(() -> configurations.mutating().isEmpty() && configurations.validating().isEmpty());
    }

    @Test
    void anAllowingWebhookSeesAFullV1Review() {
        validating("allow.test.keel.dev", webhook.url("/allow/review"), "Fail", 10);

        Response cm = createConfigMap("plain", "k");

        assertThat(cm.status()).isEqualTo(201);
        JsonNode request = webhook.reviews("/allow/review").get(0).path("request");
        assertThat(request.path("uid").asText()).isNotEmpty();
        assertThat(request.path("kind").path("kind").asText()).isEqualTo("ConfigMap");
        assertThat(request.path("resource").path("resource").asText()).isEqualTo("configmaps");
        assertThat(request.path("requestResource").path("version").asText()).isEqualTo("v1");
        assertThat(request.path("operation").asText()).isEqualTo("CREATE");
        assertThat(request.path("namespace").asText()).isEqualTo(namespace);
        assertThat(request.path("name").asText()).isEqualTo("plain");
        assertThat(request.path("object").path("data").path("k").asText()).isEqualTo("v");
        assertThat(request.path("oldObject").isNull()).isTrue();
        assertThat(request.path("dryRun").asBoolean(true)).isFalse();
        assertThat(request.path("options").path("kind").asText()).isEqualTo("CreateOptions");
        assertThat(request.path("userInfo").path("username").asText()).isNotEmpty();
    }

    @Test
    void aDenialIsTheWebhooksStatusAndNothingIsStored() {
        validating("deny.test.keel.dev", webhook.url("/deny/one"), "Fail", 10);

        Response cm = createConfigMap("refused", "k");

        assertThat(cm.status()).isEqualTo(403);
        assertThat(cm.json().path("message").asText())
                .isEqualTo("admission webhook \"deny.test.keel.dev\" denied the request: " + TestWebhookServer.DENY_MESSAGE);
        assertThat(api().get(configMaps + "/refused").status()).isEqualTo(404);
    }

    @Test
    void updatesAreSentWithTheOldObject() {
        createConfigMap("before", "k");
        validating("deny-update.test.keel.dev", webhook.url("/deny-key/bad/update"), "Fail", 10, "UPDATE");

        Response allowed = api().patch(configMaps + "/before", "application/merge-patch+json", "{\"data\":{\"good\":\"1\"}}");
        Response refused = api().patch(configMaps + "/before", "application/merge-patch+json", "{\"data\":{\"bad\":\"1\"}}");

        assertThat(allowed.status()).isEqualTo(200);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().path("message").asText()).contains("the key \"bad\" is not allowed here");
        JsonNode review = webhook.reviews("/deny-key/bad/update").get(0).path("request");
        assertThat(review.path("operation").asText()).isEqualTo("UPDATE");
        assertThat(review.path("oldObject").path("data").has("good")).isFalse();
        assertThat(api().get(configMaps + "/before").json().path("data").has("bad")).isFalse();
    }

    @Test
    void aMutatingWebhooksPatchIsStored() {
        mutating("label.test.keel.dev", webhook.url("/label/added-by/webhook/one"), "Fail", 10, "Never");

        Response cm = createConfigMap("labelled", "k");

        assertThat(cm.status()).isEqualTo(201);
        assertThat(cm.json().path("metadata").path("labels").path("added-by").asText()).isEqualTo("webhook");
        assertThat(api().get(configMaps + "/labelled").json().path("metadata").path("labels").path("added-by").asText())
                .isEqualTo("webhook");
    }

    @Test
    void aPatchRenamingTheObjectIsRefused() {
        mutating("rename.test.keel.dev", webhook.url("/rename/one"), "Ignore", 10, "Never");

        Response cm = createConfigMap("named", "k");

        assertThat(cm.status()).isEqualTo(400);
        assertThat(cm.json().path("message").asText())
                .isEqualTo("the name of the object (renamed-by-webhook) does not match the name on the URL (named)");
        assertThat(api().get(configMaps + "/named").status()).isEqualTo(404);
        assertThat(api().get(configMaps + "/renamed-by-webhook").status()).isEqualTo(404);
    }

    @Test
    void garbageFailsTheRequestUnderFailAndIsIgnoredUnderIgnore() {
        validating("garbage.test.keel.dev", webhook.url("/garbage/fail"), "Fail", 10);

        Response failed = createConfigMap("garbage", "k");

        assertThat(failed.status()).isEqualTo(500);
        assertThat(failed.json().path("reason").asText()).isEqualTo("InternalError");
        assertThat(failed.json().path("message").asText()).startsWith(
                "Internal error occurred: failed calling webhook \"garbage.test.keel.dev\": failed to call webhook: the answer is not JSON");
        assertThat(api().get(configMaps + "/garbage").status()).isEqualTo(404);

        replaceWithIgnore(VALIDATING, "garbage.test.keel.dev");
        assertThat(createConfigMap("garbage", "k").status()).isEqualTo(201);
    }

    @Test
    void aSlowWebhookTimesOutUnderFailAndIsIgnoredUnderIgnore() {
        validating("slow.test.keel.dev", webhook.url("/slow/fail"), "Fail", 1);

        Response failed = createConfigMap("slow", "k");

        assertThat(failed.status()).isEqualTo(500);
        assertThat(failed.json().path("message").asText()).contains("failed calling webhook \"slow.test.keel.dev\"")
                .contains("context deadline exceeded").contains("?timeout=1s");
        assertThat(api().get(configMaps + "/slow").status()).isEqualTo(404);

        replaceWithIgnore(VALIDATING, "slow.test.keel.dev");
        assertThat(createConfigMap("slow", "k").status()).isEqualTo(201);
    }

    @Test
    void aWebhookThatIsDownFailsUnderFailAndIsIgnoredUnderIgnore() {
        mutating("down.test.keel.dev", TestWebhookServer.closedPortUrl(), "Fail", 10, "Never");

        Response failed = createConfigMap("down", "k");

        assertThat(failed.status()).isEqualTo(500);
        assertThat(failed.json().path("message").asText()).contains("failed calling webhook \"down.test.keel.dev\"")
                .contains("connection refused");
        assertThat(api().get(configMaps + "/down").status()).isEqualTo(404);

        replaceWithIgnore(MUTATING, "down.test.keel.dev");
        assertThat(createConfigMap("down", "k").status()).isEqualTo(201);
    }

    @Test
    void aWebhookTrustsOnlyItsCaBundle() {
        String other = TestWebhookServer.start().caBundle();
        validating("untrusted.test.keel.dev", webhook.url("/allow/untrusted"), "Fail", 10, "CREATE", other);

        Response failed = createConfigMap("untrusted", "k");

        assertThat(failed.status()).isEqualTo(500);
        assertThat(failed.json().path("message").asText()).contains("failed calling webhook \"untrusted.test.keel.dev\"")
                .contains("tls: ");
        assertThat(webhook.reviews("/allow/untrusted")).isEmpty();
    }

    @Test
    void warningsBecomeWarningHeaders() {
        validating("warn.test.keel.dev", webhook.url("/warn/one"), "Fail", 10);

        Response cm = createConfigMap("warned", "k");

        assertThat(cm.status()).isEqualTo(201);
        assertThat(cm.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("Warning"))
                .flatMap(e -> e.getValue().stream()).toList()).contains("299 - \"the test webhook warns you\"");
    }

    @Test
    void ifNeededWebhooksAreCalledAgainAfterALaterChange() {
        // Configurations are called in name order: "a-..." sees the object before "b-..." labels it.
        mutatingConfiguration("a-" + namespace, "first.test.keel.dev", webhook.url("/allow/reinvoked-" + namespace), "Fail", 10,
                "IfNeeded");
        mutatingConfiguration("b-" + namespace, "second.test.keel.dev", webhook.url("/label/second/yes/" + namespace), "Fail", 10,
                "Never");

        Response cm = createConfigMap("twice", "k");

        assertThat(cm.status()).isEqualTo(201);
        List<JsonNode> seen = webhook.reviews("/allow/reinvoked-" + namespace);
        assertThat(seen).hasSize(2);
        assertThat(seen.get(0).path("request").path("object").path("metadata").path("labels").has("second")).isFalse();
        assertThat(seen.get(1).path("request").path("object").path("metadata").path("labels").path("second").asText())
                .isEqualTo("yes");
    }

    @Test
    void otherNamespacesAndWebhookConfigurationsAreNotSentToWebhooks() {
        validating("deny-all.test.keel.dev", webhook.url("/deny/scoped"), "Fail", 10);
        String elsewhere = createNamespace("elsewhere");
        // Would deny every write of a webhook configuration, were those ever sent to webhooks.
        String lockout = configuration("ValidatingWebhookConfiguration", "lockout-" + namespace, "lockout.test.keel.dev",
                "{\"url\":\"" + webhook.url("/deny/lockout") + "\",\"caBundle\":\"" + webhook.caBundle() + "\"}",
                "Fail", 10, "*", null).replace("\"apiGroups\":[\"\"]", "\"apiGroups\":[\"admissionregistration.k8s.io\"]")
                .replace("\"resources\":[\"configmaps\"]", "\"resources\":[\"*\"]");
        create(VALIDATING, lockout);
        poll(() -> configurations.validating().stream().anyMatch(w -> w.name().equals("lockout.test.keel.dev")));

        Response other = api().post("/api/v1/namespaces/" + elsewhere + "/configmaps",
                "{\"metadata\":{\"name\":\"free\"},\"data\":{\"k\":\"v\"}}");
        Response configuration = api().patch(VALIDATING + "/lockout-" + namespace, "application/merge-patch+json",
                "{\"metadata\":{\"labels\":{\"touched\":\"yes\"}}}");

        assertThat(other.status()).isEqualTo(201);
        assertThat(configuration.status()).as(configuration.body()).isEqualTo(200);
        assertThat(webhook.reviews("/deny/lockout")).isEmpty();
    }

    @Test
    void aServiceWebhookIsCalledAtAnEndpointAndVerifiedAgainstTheServiceName() {
        try (TestWebhookServer serviceWebhook = TestWebhookServer.start("hook." + namespace + ".svc")) {
            assertThat(api().post("/api/v1/namespaces/" + namespace + "/services", "{\"metadata\":{\"name\":\"hook\"},"
                    + "\"spec\":{\"ports\":[{\"name\":\"https\",\"port\":443}]}}").status()).isEqualTo(201);
            assertThat(api().post("/apis/discovery.k8s.io/v1/namespaces/" + namespace + "/endpointslices",
                    "{\"metadata\":{\"name\":\"hook-1\",\"labels\":{\"kubernetes.io/service-name\":\"hook\"}},"
                            + "\"addressType\":\"IPv4\",\"endpoints\":[{\"addresses\":[\"127.0.0.1\"],\"conditions\":{\"ready\":true}}],"
                            + "\"ports\":[{\"name\":\"https\",\"port\":" + serviceWebhook.port() + ",\"protocol\":\"TCP\"}]}")
                    .status()).isEqualTo(201);
            String service = "{\"service\":{\"namespace\":\"" + namespace + "\",\"name\":\"hook\",\"path\":\"/deny/service\"},"
                    + "\"caBundle\":\"" + serviceWebhook.caBundle() + "\"}";
            create(VALIDATING, configuration("ValidatingWebhookConfiguration", "svc-" + namespace, "service.test.keel.dev",
                    service, "Fail", 10, "CREATE", null));
            poll(() -> configurations.validating().stream().anyMatch(w -> w.name().equals("service.test.keel.dev")));

            Response cm = createConfigMap("via-service", "k");

            assertThat(cm.status()).isEqualTo(403);
            assertThat(cm.json().path("message").asText()).contains(TestWebhookServer.DENY_MESSAGE);
            assertThat(serviceWebhook.reviews("/deny/service")).hasSize(1);
        }
    }

    // --- helpers

    private Response createConfigMap(String name, String key) {
        return api().post(configMaps, "{\"metadata\":{\"name\":\"" + name + "\"},\"data\":{\"" + key + "\":\"v\"}}");
    }

    private void validating(String hook, String url, String failurePolicy, int timeout) {
        validating(hook, url, failurePolicy, timeout, "CREATE");
    }

    private void validating(String hook, String url, String failurePolicy, int timeout, String operation) {
        validating(hook, url, failurePolicy, timeout, operation, webhook.caBundle());
    }

    private void validating(String hook, String url, String failurePolicy, int timeout, String operation, String caBundle) {
        String name = hook.substring(0, hook.indexOf('.')) + "-" + namespace;
        create(VALIDATING, configuration("ValidatingWebhookConfiguration", name, hook,
                "{\"url\":\"" + url + "\",\"caBundle\":\"" + caBundle + "\"}", failurePolicy, timeout, operation, null));
        poll(() -> configurations.validating().stream().anyMatch(w -> w.name().equals(hook)));
    }

    private void mutating(String hook, String url, String failurePolicy, int timeout, String reinvocation) {
        mutatingConfiguration(hook.substring(0, hook.indexOf('.')) + "-" + namespace, hook, url, failurePolicy, timeout,
                reinvocation);
    }

    private void mutatingConfiguration(String name, String hook, String url, String failurePolicy, int timeout,
            String reinvocation) {
        create(MUTATING, configuration("MutatingWebhookConfiguration", name, hook,
                "{\"url\":\"" + url + "\",\"caBundle\":\"" + webhook.caBundle() + "\"}", failurePolicy, timeout, "CREATE",
                reinvocation));
        poll(() -> configurations.mutating().stream().anyMatch(w -> w.name().equals(hook)));
    }

    private String configuration(String kind, String name, String hook, String clientConfig, String failurePolicy,
            int timeout, String operation, String reinvocation) {
        return "{\"apiVersion\":\"admissionregistration.k8s.io/v1\",\"kind\":\"" + kind + "\",\"metadata\":{\"name\":\""
                + name + "\"},\"webhooks\":[{\"name\":\"" + hook + "\",\"clientConfig\":" + clientConfig + ","
                + "\"rules\":[{\"operations\":[\"" + operation + "\"],\"apiGroups\":[\"\"],\"apiVersions\":[\"v1\"],"
                + "\"resources\":[\"configmaps\"]}],"
                + "\"namespaceSelector\":{\"matchLabels\":{\"kubernetes.io/metadata.name\":\"" + namespace + "\"}},"
                + "\"failurePolicy\":\"" + failurePolicy + "\",\"timeoutSeconds\":" + timeout + ","
                + "\"sideEffects\":\"None\",\"admissionReviewVersions\":[\"v1\"]"
                + (reinvocation == null ? "" : ",\"reinvocationPolicy\":\"" + reinvocation + "\"") + "}]}";
    }

    private void create(String collection, String body) {
        Response response = api().post(collection, body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        created.add(collection + "/" + response.json().path("metadata").path("name").asText());
    }

    /** Switches the configuration's only webhook to failurePolicy Ignore and waits until admission sees it. */
    private void replaceWithIgnore(String collection, String hook) {
        String path = created.stream().filter(p -> p.startsWith(collection + "/")).reduce((a, b) -> b).orElseThrow();
        Response patched = api().patch(path, "application/json-patch+json",
                "[{\"op\":\"replace\",\"path\":\"/webhooks/0/failurePolicy\",\"value\":\"Ignore\"}]");
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        poll(() -> (collection.equals(MUTATING) ? configurations.mutating() : configurations.validating()).stream()
                .anyMatch(w -> w.name().equals(hook) && w.webhook().failOpen()));
    }

    static void poll(Supplier<Boolean> condition) {
        for (int i = 0; i < 500; i++) {
            if (condition.get()) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("the webhook configurations did not converge");
    }
}
