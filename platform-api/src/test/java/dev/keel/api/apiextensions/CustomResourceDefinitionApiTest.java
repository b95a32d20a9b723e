package dev.keel.api.apiextensions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.objects.ObjectStorage;
import dev.keel.api.testing.ApiServerTest;
import dev.keel.api.testing.TestApiClient.Response;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * CustomResourceDefinitions through the in-process API over real etcd: discovery and the Table, each validation rule
 * refused with 422 and its field path (nothing stored), NamesAccepted/Established and name conflicts, the listener
 * API, and deleting a CRD deleting its objects (waiting for their finalizers).
 */
class CustomResourceDefinitionApiTest extends ApiServerTest {

    private static final String CRDS = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    private ObjectStorage storage;

    @Autowired
    private CustomResourceDefinitions definitions;

    private static String crd(String group, String plural, String kind, String scope, String schema) {
        return "{\"apiVersion\":\"apiextensions.k8s.io/v1\",\"kind\":\"CustomResourceDefinition\",\"metadata\":{\"name\":\""
                + plural + "." + group + "\"},\"spec\":{\"group\":\"" + group + "\",\"scope\":\"" + scope + "\",\"names\":{"
                + "\"plural\":\"" + plural + "\",\"kind\":\"" + kind + "\",\"shortNames\":[\"" + plural.substring(0, 3) + "x\"]},"
                + "\"versions\":[{\"name\":\"v1\",\"served\":true,\"storage\":true,\"schema\":{\"openAPIV3Schema\":" + schema
                + "},\"subresources\":{\"status\":{}}}]}}";
    }

    private static final String SCHEMA = "{\"type\":\"object\",\"properties\":{\"spec\":{\"type\":\"object\",\"properties\":"
            + "{\"replicas\":{\"type\":\"integer\",\"default\":1},\"color\":{\"type\":\"string\"}}},"
            + "\"status\":{\"type\":\"object\",\"x-kubernetes-preserve-unknown-fields\":true}}}";

    private static String group() {
        return uniqueName("g") + ".example.com";
    }

    @Test
    void discoveryServesTheKindWithItsShortNameCategoryAndStatus() {
        JsonNode resources = api().get("/apis/apiextensions.k8s.io/v1").json().path("resources");

        assertThat(resources.toString()).contains("\"customresourcedefinitions\"").contains("\"crd\"")
                .contains("\"api-extensions\"").contains("\"customresourcedefinitions/status\"");
        assertThat(api().get("/apis").body()).contains("apiextensions.k8s.io");
    }

    @Test
    void openApiDescribesTheKind() {
        Response v3 = api().get("/openapi/v3/apis/apiextensions.k8s.io/v1");
        Response v2 = api().get("/openapi/v2");

        assertThat(v3.status()).isEqualTo(200);
        assertThat(v3.body()).contains("io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition");
        assertThat(api().get("/openapi/v3").body()).contains("apis/apiextensions.k8s.io/v1");
        assertThat(v2.body()).contains("/apis/apiextensions.k8s.io/v1/customresourcedefinitions");
    }

    @Test
    void aValidCrdIsCreatedDefaultedAndEstablished() throws Exception {
        String group = group();
        List<String> heard = new CopyOnWriteArrayList<>();
        CustomResourceDefinitionListener listener = new CustomResourceDefinitionListener() {
            @Override
            public void established(CustomResourceDefinition crd) {
                heard.add("established " + crd.getMetadata().getName());
            }

            @Override
            public void removed(CustomResourceDefinition crd) {
                heard.add("removed " + crd.getMetadata().getName());
            }
        };
        definitions.addListener(listener);
        Response created = api().post(CRDS, crd(group, "widgets", "Widget", "Namespaced", SCHEMA));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode spec = created.json().path("spec");
        assertThat(spec.path("names").path("singular").asText()).isEqualTo("widget");
        assertThat(spec.path("names").path("listKind").asText()).isEqualTo("WidgetList");
        assertThat(spec.path("conversion").path("strategy").asText()).isEqualTo("None");
        assertThat(created.json().path("status").path("storedVersions").toString()).isEqualTo("[\"v1\"]");
        JsonNode established = eventually(() -> api().get(CRDS + "/widgets." + group).json(),
                crd -> condition(crd, "Established").equals("True"));
        assertThat(condition(established, "NamesAccepted")).isEqualTo("True");
        assertThat(established.path("status").path("acceptedNames").path("plural").asText()).isEqualTo("widgets");
        assertThat(established.path("status").path("acceptedNames").path("shortNames").toString()).isEqualTo("[\"widx\"]");
        eventually(() -> heard, list -> list.contains("established widgets." + group));
        assertThat(definitions.find(group, "widgets")).isPresent();

        Response table = api().get(CRDS + "/widgets." + group, "application/json;as=Table;v=v1;g=meta.k8s.io");
        assertThat(table.json().path("columnDefinitions").toString()).contains("\"Name\"").contains("\"Created At\"");
        definitions.removeListener(listener);
    }

    @Test
    void eachBadCrdIsRefusedWithItsFieldPathAndNothingIsStored() {
        String group = group();
        assertInvalid(crd(group, "things", "Thing", "Namespaced", SCHEMA).replace("\"name\":\"things." + group, "\"name\":\"other." + group),
                "metadata.name: Invalid value: \"other." + group + "\": must be spec.names.plural+\".\"+spec.group");
        assertInvalid(crd("nodot", "things", "Thing", "Namespaced", SCHEMA),
                "spec.group: Invalid value: \"nodot\": should be a domain with at least one dot");
        assertInvalid(crd(group, "things", "Thing", "Everywhere", SCHEMA),
                "spec.scope: Unsupported value: \"Everywhere\": supported values: \"Cluster\", \"Namespaced\"");
        assertInvalid(crd(group, "things", "Thing", "Namespaced", SCHEMA).replace("\"storage\":true", "\"storage\":false"),
                "spec.versions: Invalid value: must have exactly one version marked as storage version");
        assertInvalid(crd(group, "things", "Thing", "Namespaced", SCHEMA).replace("]}}", ",{\"name\":\"v1\",\"served\":true,"
                + "\"storage\":true,\"schema\":{\"openAPIV3Schema\":" + SCHEMA + "}}]}}"),
                "spec.versions: Invalid value: must contain unique version names");
        assertInvalid(crd(group, "Things", "Thing", "Namespaced", SCHEMA), "spec.names.plural: Invalid value: \"Things\"");
        assertInvalid(crd(group, "things", "Thing", "Namespaced", SCHEMA).replace("\"kind\":\"Thing\"",
                "\"kind\":\"Thing\",\"listKind\":\"Thing\""), "spec.names.listKind: Invalid value: \"Thing\": kind and listKind may not be the same");
        assertInvalid(crd(group, "things", "Thing", "Namespaced", SCHEMA).replace(",\"schema\":{\"openAPIV3Schema\":" + SCHEMA + "}", ""),
                "spec.versions[0].schema.openAPIV3Schema: Required value");
        assertInvalid(crd(group, "things", "Thing", "Namespaced", "{\"type\":\"object\",\"properties\":{\"spec\":{\"properties\":"
                + "{\"size\":{\"type\":\"integer\"}}}}}"),
                "spec.versions[0].schema.openAPIV3Schema.properties[spec].type: Required value: must not be empty for specified object fields");
        assertInvalid(crd(group, "things", "Thing", "Namespaced", "{\"type\":\"object\",\"properties\":{\"spec\":{\"type\":\"object\","
                + "\"properties\":{\"a\":{\"type\":\"string\"}},\"additionalProperties\":{\"type\":\"string\"}}}}"),
                "spec.versions[0].schema.openAPIV3Schema.properties[spec].additionalProperties: Forbidden: additionalProperties and properties are mutual exclusive");
        assertInvalid(crd(group, "things", "Thing", "Namespaced", "{\"type\":\"object\",\"properties\":{\"spec\":{\"$ref\":\"#/x\"}}}"),
                "spec.versions[0].schema.openAPIV3Schema.properties[spec].$ref: Forbidden: $ref is not supported");
        assertInvalid(crd(group, "things", "Thing", "Namespaced", "{\"type\":\"object\",\"properties\":{\"spec\":{\"type\":\"object\","
                + "\"patternProperties\":{\"^a\":{\"type\":\"string\"}}}}}"),
                "spec.versions[0].schema.openAPIV3Schema.properties[spec].patternProperties: Forbidden: patternProperties is not supported");
        assertInvalid(crd(group, "things", "Thing", "Namespaced", "{\"type\":\"object\",\"properties\":{\"metadata\":{\"type\":\"object\","
                + "\"properties\":{\"labels\":{\"type\":\"object\"}}}}}"),
                "spec.versions[0].schema.openAPIV3Schema.properties[metadata]: Forbidden: must not specify anything other than name and generateName, but metadata is implicitly specified");
        assertInvalid(crd(group, "things", "Thing", "Namespaced", "{\"type\":\"object\",\"properties\":{\"spec\":{\"type\":\"object\","
                + "\"anyOf\":[{\"properties\":{\"x\":{\"type\":\"string\"}}}]}}}"),
                "spec.versions[0].schema.openAPIV3Schema.properties[spec].anyOf[0].properties[x].type: Forbidden: must be empty to be structural");
        assertInvalid(crd(group, "things", "Thing", "Namespaced", "{\"type\":\"object\",\"properties\":{\"spec\":{\"type\":\"object\","
                + "\"properties\":{\"n\":{\"type\":\"integer\",\"default\":\"one\"}}}}}"),
                "spec.versions[0].schema.openAPIV3Schema.properties[spec].properties[n].default: Invalid value: \"one\"");
        assertInvalid(crd(group, "things", "Thing", "Namespaced", "{\"type\":\"object\",\"properties\":{\"spec\":{\"type\":\"object\","
                + "\"properties\":{\"items\":{\"type\":\"array\",\"x-kubernetes-list-type\":\"map\",\"items\":{\"type\":\"object\","
                + "\"properties\":{\"name\":{\"type\":\"string\"}}}}}}}}"),
                "spec.versions[0].schema.openAPIV3Schema.properties[spec].properties[items].x-kubernetes-list-map-keys: Required value: must not be empty if x-kubernetes-list-type is map");
        assertInvalid(crd(group, "things", "Thing", "Namespaced", SCHEMA).replace("\"subresources\":{\"status\":{}}",
                "\"subresources\":{\"scale\":{\"specReplicasPath\":\".replicas\",\"statusReplicasPath\":\".status.replicas\"}}"),
                "spec.versions[0].subresources.scale.specReplicasPath: Invalid value: \".replicas\": should be a json path under .spec");
        assertInvalid(crd(group, "things", "Thing", "Namespaced", SCHEMA).replace("\"subresources\"",
                "\"additionalPrinterColumns\":[{\"name\":\"Size\",\"type\":\"long\",\"jsonPath\":\".spec.replicas\"}],\"subresources\""),
                "spec.versions[0].additionalPrinterColumns[0].type: Invalid value: \"long\": must be one of boolean,date,integer,number,string");
        assertInvalid(crd(group, "things", "Thing", "Namespaced", SCHEMA).replace("\"subresources\"",
                "\"selectableFields\":[{\"jsonPath\":\".spec.missing\"}],\"subresources\""),
                "spec.versions[0].selectableFields[0].jsonPath: Invalid value: \".spec.missing\": is an invalid path");
        assertInvalid(crd(group, "things", "Thing", "Namespaced", SCHEMA).replace("\"versions\"",
                "\"preserveUnknownFields\":true,\"versions\""), "spec.preserveUnknownFields: Invalid value: true");
        assertInvalid(crd(group, "things", "Thing", "Namespaced", SCHEMA).replace("\"versions\"",
                "\"conversion\":{\"strategy\":\"Webhook\",\"webhook\":{\"clientConfig\":{\"url\":\"http://x.example.com/c\"},"
                        + "\"conversionReviewVersions\":[\"v1\"]}},\"versions\""),
                "spec.conversion.webhookClientConfig.url: Invalid value: \"http://x.example.com/c\": 'https' is the only allowed URL scheme");

        assertThat(api().get(CRDS + "/things." + group).status()).isEqualTo(404);
        assertThat(api().get(CRDS + "/other." + group).status()).isEqualTo(404);
    }

    @Test
    void scopeAndKindAreImmutableOnceEstablishedAndStoredVersionsStay() throws Exception {
        String group = group();
        String name = "gadgets." + group;
        api().post(CRDS, crd(group, "gadgets", "Gadget", "Namespaced", SCHEMA));
        eventually(() -> api().get(CRDS + "/" + name).json(), crd -> condition(crd, "Established").equals("True"));

        Response scope = api().patch(CRDS + "/" + name, "application/merge-patch+json", "{\"spec\":{\"scope\":\"Cluster\"}}");
        assertThat(scope.status()).isEqualTo(422);
        assertThat(scope.json().path("message").asText()).contains("spec.scope: Invalid value: \"Cluster\": field is immutable");

        ObjectNode twoVersions = (ObjectNode) api().get(CRDS + "/" + name).json();
        ObjectNode v2 = ((ObjectNode) twoVersions.path("spec").path("versions").get(0)).deepCopy();
        v2.put("name", "v2");
        ((ObjectNode) twoVersions.path("spec").path("versions").get(0)).put("storage", false);
        ((com.fasterxml.jackson.databind.node.ArrayNode) twoVersions.path("spec").path("versions")).add(v2);
        Response moved = api().put(CRDS + "/" + name, twoVersions.toString());
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        assertThat(moved.json().path("status").path("storedVersions").toString()).isEqualTo("[\"v1\",\"v2\"]");

        ObjectNode dropped = (ObjectNode) moved.json().deepCopy();
        ((com.fasterxml.jackson.databind.node.ArrayNode) dropped.path("spec").path("versions")).remove(0);
        Response refused = api().put(CRDS + "/" + name, dropped.toString());
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().path("message").asText()).contains("status.storedVersions[0]: Invalid value: \"v1\": missing from spec.versions");
    }

    @Test
    void aSecondCrdWhoseNamesAreTakenInTheGroupIsNotAccepted() throws Exception {
        String group = group();
        api().post(CRDS, crd(group, "apples", "Apple", "Namespaced", SCHEMA));
        eventually(() -> api().get(CRDS + "/apples." + group).json(), crd -> condition(crd, "Established").equals("True"));
        // Same list kind as the first CRD's, different plural.
        Response second = api().post(CRDS, crd(group, "pears", "Pear", "Namespaced", SCHEMA)
                .replace("\"kind\":\"Pear\"", "\"kind\":\"Pear\",\"listKind\":\"AppleList\""));
        assertThat(second.status()).as(second.body()).isEqualTo(201);

        JsonNode pears = eventually(() -> api().get(CRDS + "/pears." + group).json(),
                crd -> condition(crd, "NamesAccepted").equals("False"));
        JsonNode namesAccepted = conditionNode(pears, "NamesAccepted");
        assertThat(namesAccepted.path("reason").asText()).isEqualTo("ListKindConflict");
        assertThat(namesAccepted.path("message").asText()).isEqualTo("\"AppleList\" is already in use");
        assertThat(condition(pears, "Established")).isEqualTo("False");
        assertThat(definitions.find(group, "pears")).isEmpty();
    }

    @Test
    void deletingACrdDeletesItsObjectsThenTheCrd() throws Exception {
        String group = group();
        String name = "boxes." + group;
        api().post(CRDS, crd(group, "boxes", "Box", "Namespaced", SCHEMA));
        JsonNode crd = eventually(() -> api().get(CRDS + "/" + name).json(), c -> condition(c, "Established").equals("True"));
        assertThat(crd.path("metadata").path("finalizers").toString()).contains("customresourcecleanup.apiextensions.k8s.io");
        var type = CustomResourceCleanup.storageType(JSON.treeToValue(crd, CustomResourceDefinition.class));
        storage.create(type, "ns-a", "one", object(group, "one", "ns-a", null));
        storage.create(type, "ns-b", "two", object(group, "two", "ns-b", null));
        storage.create(type, "ns-b", "held", object(group, "held", "ns-b", "example.com/hold"));

        Response deleted = api().delete(CRDS + "/" + name);
        assertThat(deleted.status()).isIn(200, 202);
        JsonNode terminating = eventually(() -> api().get(CRDS + "/" + name).json(),
                c -> condition(c, "Terminating").equals("True") && storage.list(type, null, null, 0, 0).items().size() == 1);
        assertThat(terminating.path("metadata").has("deletionTimestamp")).isTrue();
        assertThat(storage.get(type, "ns-b", "held").orElseThrow().object().path("metadata").has("deletionTimestamp")).isTrue();

        // The last object's finalizer goes: the CRD finishes its cleanup and disappears.
        ObjectNode held = storage.get(type, "ns-b", "held").orElseThrow().object().deepCopy();
        long revision = storage.get(type, "ns-b", "held").orElseThrow().revision();
        held.withObjectProperty("metadata").remove("finalizers");
        held.withObjectProperty("metadata").remove("resourceVersion");
        // What the API's update does when the last finalizer of an object being deleted goes: it is removed.
        // (The cleanup, still polling, may get there first.)
        long updated = storage.update(type, "ns-b", "held", held, revision);
        try {
            storage.delete(type, "ns-b", "held", updated);
        } catch (dev.keel.api.store.KeyNotFoundException | dev.keel.api.store.RevisionConflictException e) {
            // Already removed by the CRD's cleanup.
        }
        eventually(() -> api().get(CRDS + "/" + name).status(), status -> status == 404);
        assertThat(storage.list(type, null, null, 0, 0).items()).isEmpty();
        eventually(() -> definitions.find(group, "boxes").isEmpty(), gone -> gone);
    }

    private static ObjectNode object(String group, String name, String namespace, String finalizer) {
        ObjectNode object = JSON.createObjectNode();
        object.put("apiVersion", group + "/v1").put("kind", "Box");
        ObjectNode metadata = object.putObject("metadata");
        metadata.put("name", name).put("namespace", namespace).put("uid", java.util.UUID.randomUUID().toString());
        if (finalizer != null) {
            metadata.putArray("finalizers").add(finalizer);
        }
        object.putObject("spec").put("replicas", 1);
        return object;
    }

    private void assertInvalid(String body, String expected) {
        Response response = api().post(CRDS, body);
        assertThat(response.status()).as(response.body()).isEqualTo(422);
        assertThat(response.json().path("reason").asText()).isEqualTo("Invalid");
        assertThat(response.json().path("message").asText()).as(response.body()).contains(expected);
    }

    private static String condition(JsonNode crd, String type) {
        return conditionNode(crd, type).path("status").asText("");
    }

    private static JsonNode conditionNode(JsonNode crd, String type) {
        for (JsonNode condition : crd.path("status").path("conditions")) {
            if (condition.path("type").asText().equals(type)) {
                return condition;
            }
        }
        return JSON.createObjectNode();
    }

    private static <T> T eventually(Supplier<T> read, java.util.function.Predicate<T> done) throws InterruptedException {
        T value = read.get();
        for (int i = 0; i < 300 && !done.test(value); i++) {
            Thread.sleep(100);
            value = read.get();
        }
        assertThat(done.test(value)).as("condition never reached; last: %s", value).isTrue();
        return value;
    }
}
