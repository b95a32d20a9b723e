package dev.keel.api.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.api.testing.ApiServerTest;
import dev.keel.api.testing.TestApiClient.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Input kube-apiserver refuses, or reads in its own way, is refused or read the same way here: no coercion, Go's
 * zero values for nulls, strict bodies, Kubernetes' update preconditions, ListOptions and DeleteOptions validation.
 * Every rejection is a Status and changes nothing stored.
 */
class StrictInputTest extends ApiServerTest {

    private String ns;
    private String configMaps;
    private String pods;

    @BeforeEach
    void namespace() {
        ns = createNamespace("strict");
        configMaps = "/api/v1/namespaces/" + ns + "/configmaps";
        pods = "/api/v1/namespaces/" + ns + "/pods";
    }

    private static String configMap(String name, String data) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name + "\"},\"data\":" + data + "}";
    }

    private static String pod(String name, String container) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{\"containers\":["
                + container + "]}}";
    }

    private static void assertStatus(Response response, int code, String reason, String messagePart) {
        assertThat(response.status()).as(response.body()).isEqualTo(code);
        assertThat(response.json().path("kind").asText()).isEqualTo("Status");
        assertThat(response.json().path("code").asInt()).isEqualTo(code);
        assertThat(response.json().path("reason").asText()).isEqualTo(reason);
        assertThat(response.json().path("message").asText()).contains(messagePart);
    }

    private JsonNode stored(String path) {
        Response response = api().get(path);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private void storeConfigMap(String name) {
        assertThat(api().post(configMaps, configMap(name, "{\"a\":\"b\"}")).status()).isEqualTo(201);
    }

    @Test
    void numbersAndBooleansWhereStringsGoAreRefusedNamingTheFieldAsKubernetesDoes() {
        assertStatus(api().post(configMaps, configMap("n1", "{\"a\":1}")), 400, "BadRequest",
                "json: cannot unmarshal number into Go struct field ConfigMap.data of type string");
        assertStatus(api().post(configMaps, "{\"metadata\":{\"name\":\"n2\",\"labels\":{\"a\":true}}}"), 400, "BadRequest",
                "json: cannot unmarshal bool into Go struct field ObjectMeta.metadata.labels of type string");
        assertStatus(api().post(configMaps, "{\"metadata\":{\"name\":123}}"), 400, "BadRequest",
                "cannot unmarshal number into Go struct field ObjectMeta.metadata.name of type string");
        assertStatus(api().post(pods, pod("p1", "{\"name\":\"c\",\"image\":\"i\",\"command\":[1]}")), 400, "BadRequest",
                "cannot unmarshal number into Go struct field Container.spec.containers.command of type string");
        assertStatus(api().post(pods, pod("p2", "{\"name\":\"c\",\"image\":\"i\",\"env\":[{\"name\":\"A\",\"value\":1.5}]}")),
                400, "BadRequest", "cannot unmarshal number into Go struct field EnvVar.spec.containers.env.value of type string");
        assertThat(api().get(configMaps + "/n1").status()).isEqualTo(404);
        assertThat(api().get(pods + "/p1").status()).isEqualTo(404);
    }

    @Test
    void nullsInMapsAndListsAreStoredAsGoZeroValuesNeverAsNull() {
        Response created = api().post(pods, "{\"metadata\":{\"name\":\"p\",\"labels\":{\"a\":null}},\"spec\":{\"containers\":"
                + "[{\"name\":\"c\",\"image\":\"i\",\"command\":[\"sh\",null]}],\"nodeSelector\":null}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);

        JsonNode pod = stored(pods + "/p");
        assertThat(pod.path("metadata").path("labels").path("a").isTextual()).isTrue();
        assertThat(pod.path("metadata").path("labels").path("a").asText()).isEmpty();
        assertThat(pod.path("spec").path("containers").get(0).path("command").get(1).asText()).isEmpty();
        assertThat(pod.path("spec").has("nodeSelector")).isFalse();
        assertThat(api().post(configMaps, configMap("c", "{\"k\":null}")).status()).isEqualTo(201);
        assertThat(stored(configMaps + "/c").path("data").path("k").isTextual()).isTrue();
    }

    @Test
    void aNullContainerIsInvalidNotAServerError() {
        assertStatus(api().post(pods, pod("p", "null")), 422, "Invalid", "spec.containers[0].name");
        Response yaml = api().send("POST", pods, "apiVersion: v1\nkind: Pod\nmetadata:\n  name: y\nspec:\n  containers:\n  - \n",
                "application/yaml");
        assertStatus(yaml, 422, "Invalid", "spec.containers[0]");
        assertThat(api().get(pods + "/p").status()).isEqualTo(404);
    }

    @Test
    void secretDataMustBeBase64() {
        Response response = api().post("/api/v1/namespaces/" + ns + "/secrets",
                "{\"metadata\":{\"name\":\"s\"},\"data\":{\"a\":\"not base64!\"}}");
        assertStatus(response, 400, "BadRequest", "illegal base64 data at input byte 3");
        assertStatus(api().post(configMaps, "{\"metadata\":{\"name\":\"b\"},\"binaryData\":{\"a\":\"YQ\"}}"), 400, "BadRequest",
                "illegal base64 data");
        assertThat(api().get("/api/v1/namespaces/" + ns + "/secrets/s").status()).isEqualTo(404);
    }

    @Test
    void trailingTextAfterTheObjectIsABadRequest() {
        assertStatus(api().post(configMaps, configMap("t", "{}") + " x"), 400, "BadRequest", "could not be decoded as JSON");
        storeConfigMap("u");
        assertStatus(api().put(configMaps + "/u", configMap("u", "{\"a\":\"changed\"}") + "{}"), 400, "BadRequest",
                "could not be decoded as JSON");
        assertStatus(api().patch(configMaps + "/u", "application/merge-patch+json", "{\"data\":{\"a\":\"changed\"}} []"),
                400, "BadRequest", "could not be decoded as JSON");
        assertThat(api().get(configMaps + "/t").status()).isEqualTo(404);
        assertThat(stored(configMaps + "/u").path("data").path("a").asText()).isEqualTo("b");
    }

    @Test
    void aPutThatIsNotAnObjectOrNamesNoObjectChangesNothing() {
        storeConfigMap("c");
        JsonNode before = stored(configMaps + "/c");
        for (String body : new String[] {"null", "1", "[]", "\"text\""}) {
            assertStatus(api().put(configMaps + "/c", body), 400, "BadRequest", "cannot unmarshal");
        }
        // Kubernetes reads a body without a name as another object, not as "clear everything".
        assertStatus(api().put(configMaps + "/c", "{}"), 400, "BadRequest",
                "the name of the object () does not match the name on the URL (c)");
        assertThat(stored(configMaps + "/c")).isEqualTo(before);
    }

    @Test
    void aWildcardContentTypeIsUnsupported() {
        assertStatus(api().send("POST", configMaps, configMap("w", "{}"), "*/*"), 415, "UnsupportedMediaType", "*/*");
        assertThat(api().get(configMaps + "/w").status()).isEqualTo(404);
    }

    @Test
    void aPutCarryingAnotherObjectsUidConflicts() {
        storeConfigMap("c");
        String uid = stored(configMaps + "/c").path("metadata").path("uid").asText();
        Response response = api().put(configMaps + "/c", "{\"metadata\":{\"name\":\"c\",\"uid\":\"11111111-2222-3333-4444-555555555555\"},"
                + "\"data\":{\"a\":\"changed\"}}");

        assertStatus(response, 409, "Conflict", "Precondition failed: UID in precondition: 11111111-2222-3333-4444-555555555555, "
                + "UID in object meta: " + uid);
        assertThat(stored(configMaps + "/c").path("data").path("a").asText()).isEqualTo("b");
    }

    @Test
    void patchesCannotChangeTheUidAndKubernetesIgnoresCreationTimestampAndGeneration() {
        storeConfigMap("c");
        JsonNode before = stored(configMaps + "/c").path("metadata");

        assertStatus(api().patch(configMaps + "/c", "application/merge-patch+json",
                "{\"metadata\":{\"uid\":\"11111111-2222-3333-4444-555555555555\"},\"data\":{\"a\":\"x\"}}"), 422, "Invalid",
                "metadata.uid: Invalid value: \"11111111-2222-3333-4444-555555555555\": field is immutable");
        assertStatus(api().patch(configMaps + "/c", "application/json-patch+json",
                "[{\"op\":\"remove\",\"path\":\"/metadata/name\"}]"), 422, "Invalid", "metadata.name");
        Response ignored = api().patch(configMaps + "/c", "application/merge-patch+json",
                "{\"metadata\":{\"creationTimestamp\":\"2001-01-01T00:00:00Z\",\"generation\":42}}");

        assertThat(ignored.status()).as(ignored.body()).isEqualTo(200);
        JsonNode after = stored(configMaps + "/c").path("metadata");
        assertThat(after.path("uid")).isEqualTo(before.path("uid"));
        assertThat(after.path("creationTimestamp")).isEqualTo(before.path("creationTimestamp"));
        assertThat(after.path("generation")).isEqualTo(before.path("generation"));
        assertThat(stored(configMaps + "/c").path("data").path("a").asText()).isEqualTo("b");
    }

    @Test
    void aMalformedCreationTimestampIsABadRequest() {
        assertStatus(api().post(configMaps, "{\"metadata\":{\"name\":\"t\",\"creationTimestamp\":\"not a time\"}}"), 400,
                "BadRequest", "parsing time \"not a time\"");
    }

    @Test
    void aJunkOwnerReferenceIsInvalid() {
        assertStatus(api().post(configMaps, "{\"metadata\":{\"name\":\"o\",\"ownerReferences\":[{\"apiVersion\":\"v1\","
                + "\"name\":\"x\"}]}}"), 422, "Invalid", "metadata.ownerReferences.kind: Invalid value: \"\": kind must not be empty");
        assertStatus(api().post(configMaps, "{\"metadata\":{\"name\":\"o\",\"ownerReferences\":[{}]}}"), 422, "Invalid",
                "metadata.ownerReferences.uid: Invalid value: \"\": uid must not be empty");
        assertThat(api().get(configMaps + "/o").status()).isEqualTo(404);
    }

    @Test
    void listOptionsAreValidatedAsKubernetesValidatesThem() {
        assertStatus(api().get(configMaps + "?resourceVersionMatch=Bogus&resourceVersion=1"), 422, "Invalid",
                "resourceVersionMatch: Unsupported value: \"Bogus\"");
        assertStatus(api().get(configMaps + "?resourceVersionMatch=Exact"), 422, "Invalid",
                "resourceVersionMatch is forbidden unless resourceVersion is provided");
        assertStatus(api().get(configMaps + "?resourceVersion=abc"), 400, "BadRequest", "resourceVersion");
        assertStatus(api().get(configMaps + "?continue=junk&resourceVersion=5"), 400, "BadRequest",
                "specifying resource version is not allowed when using continue");
        assertStatus(api().get(configMaps + "?watch=true&resourceVersionMatch=NotOlderThan&resourceVersion=1"), 422, "Invalid",
                "resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided");
    }

    @Test
    void duplicateFieldsFollowFieldValidation() {
        String duplicated = "{\"metadata\":{\"name\":\"first\",\"name\":\"%s\"},\"data\":{\"a\":\"b\"}}";

        assertStatus(api().post(configMaps + "?fieldValidation=Strict", duplicated.formatted("s")), 400, "BadRequest",
                "strict decoding error: duplicate field \"metadata.name\"");
        Response warned = api().post(configMaps, duplicated.formatted("w"));
        assertThat(warned.status()).as(warned.body()).isEqualTo(201);
        assertThat(warned.header("Warning")).isEqualTo("299 - \"duplicate field \\\"metadata.name\\\"\"");
        Response ignored = api().post(configMaps + "?fieldValidation=Ignore", duplicated.formatted("i"));
        assertThat(ignored.status()).as(ignored.body()).isEqualTo(201);
        assertThat(ignored.header("Warning")).isNull();
        assertThat(api().get(configMaps + "/s").status()).isEqualTo(404);
        assertThat(api().get(configMaps + "/w").status()).isEqualTo(200);
    }

    @Test
    void writeOptionsAreValidatedAsKubernetesValidatesThem() {
        assertStatus(api().post(configMaps + "?dryRun=Bogus", configMap("o", "{}")), 422, "Invalid",
                "CreateOptions.meta.k8s.io \"\" is invalid: dryRun: Unsupported value: \"Bogus\"");
        assertStatus(api().post(configMaps + "?fieldValidation=Loose", configMap("o", "{}")), 422, "Invalid",
                "fieldValidation: Unsupported value: \"Loose\"");
        storeConfigMap("c");
        assertStatus(api().patch(configMaps + "/c?fieldValidation=Loose", "application/merge-patch+json", "{}"), 422,
                "Invalid", "PatchOptions.meta.k8s.io");
        assertThat(api().get(configMaps + "/o").status()).isEqualTo(404);
    }

    @Test
    void deleteOptionsAreDecodedAndValidated() {
        storeConfigMap("d");
        assertStatus(api().delete(configMaps + "/d", "1"), 400, "BadRequest", "cannot unmarshal number");
        assertStatus(api().delete(configMaps + "/d", "{\"gracePeriodSeconds\":\"soon\"}"), 400, "BadRequest",
                "gracePeriodSeconds");
        assertStatus(api().delete(configMaps + "/d", "{\"propagationPolicy\":\"Sideways\"}"), 422, "Invalid",
                "propagationPolicy: Unsupported value: \"Sideways\"");
        assertThat(api().get(configMaps + "/d").status()).isEqualTo(200);
    }
}
