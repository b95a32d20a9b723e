package dev.keel.api.apiextensions.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.codec.ObjectCodec;
import dev.keel.api.objects.ObjectStorage;
import dev.keel.api.resource.ResourceRegistry;
import dev.keel.api.testing.TestApiClient.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Pruning, defaulting (on write and on read), validation and CEL rules of custom objects through the API. The
 * request path calls {@code CustomResourceSchema} at the right points already; its bodies are no-ops until the
 * schema branch lands, so these tests assert the real behaviour and wait for it.
 */
class CustomObjectSchemaIntegrationTest extends CustomResourceTestBase {

    @Autowired
    private ObjectStorage storage;

    @Autowired
    private ResourceRegistry registry;

    @Autowired
    private ObjectCodec codec;

    private String group;
    private String ns;
    private String stages;

    static String crd(String group) {
        return """
                {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition",
                 "metadata":{"name":"stages.%1$s"},
                 "spec":{"group":"%1$s","scope":"Namespaced",
                  "names":{"plural":"stages","singular":"stage","kind":"Stage"},
                  "versions":[{"name":"v1","served":true,"storage":true,"subresources":{"status":{}},
                    "schema":{"openAPIV3Schema":{"type":"object","properties":{
                      "spec":{"type":"object","required":["stage"],
                        "x-kubernetes-validations":[{"rule":"self.replicas <= 10","message":"at most ten replicas"},
                          {"rule":"self.stage == oldSelf.stage || oldSelf.stage != 'prod'",
                           "message":"prod stays prod"}],
                        "properties":{
                          "stage":{"type":"string","enum":["dev","test","prod"]},
                          "replicas":{"type":"integer","default":1,"minimum":0},
                          "owner":{"type":"string","pattern":"^[a-z]+$"}}},
                      "status":{"type":"object","properties":{"phase":{"type":"string"}}}}}}}]}}
                """.formatted(group);
    }

    @BeforeEach
    void define() {
        group = uniqueGroup();
        define(crd(group), group, "v1", "stages");
        ns = createNamespace("schema");
        stages = "/apis/" + group + "/v1/namespaces/" + ns + "/stages";
    }

    private String stage(String name, String spec) {
        return "{\"apiVersion\":\"" + group + "/v1\",\"kind\":\"Stage\",\"metadata\":{\"name\":\"" + name + "\"},\"spec\":" + spec
                + "}";
    }

    @Test
    void unknownFieldsArePrunedAndDefaultsFilledOnWrite() {
        JsonNode created = ok(api().post(stages + "?fieldValidation=Ignore", stage("a", "{\"stage\":\"dev\",\"bogus\":1}")), 201);
        assertThat(created.path("spec").has("bogus")).isFalse();
        assertThat(created.path("spec").path("replicas").asInt()).isEqualTo(1);
        var type = registry.find(group, "v1", "stages").orElseThrow();
        JsonNode stored = storage.get(type, ns, "a").orElseThrow().object();
        assertThat(stored.path("spec").has("bogus")).isFalse();
        assertThat(stored.path("spec").path("replicas").asInt()).isEqualTo(1);
    }

    @Test
    void unknownFieldsUnderStrictAreRefusedAndUnderWarnReported() {
        Response strict = api().post(stages + "?fieldValidation=Strict", stage("s", "{\"stage\":\"dev\",\"bogus\":1}"));
        assertThat(strict.status()).isEqualTo(400);
        assertThat(strict.json().path("message").asText()).contains("unknown field \"spec.bogus\"");
        assertThat(api().get(stages + "/s").status()).isEqualTo(404);

        Response warn = api().post(stages + "?fieldValidation=Warn", stage("w", "{\"stage\":\"dev\",\"bogus\":1}"));
        assertThat(warn.status()).isEqualTo(201);
        // The header carries the text as an RFC 9110 quoted-string, its quotes escaped, as kube-apiserver writes it.
        assertThat(warn.header("Warning")).isEqualTo("299 - \"unknown field \\\"spec.bogus\\\"\"");
    }

    @Test
    void defaultsAreAppliedOnRead() {
        var type = registry.find(group, "v1", "stages").orElseThrow();
        ObjectNode object = (ObjectNode) codec.readTree(stage("r", "{\"stage\":\"dev\"}").getBytes(), false);
        object.withObjectProperty("metadata").put("namespace", ns).put("uid", "u-1").put("creationTimestamp",
                "2026-01-01T00:00:00Z");
        storage.create(type, ns, "r", object);
        assertThat(ok(api().get(stages + "/r"), 200).path("spec").path("replicas").asInt()).isEqualTo(1);
        assertThat(ok(api().get(stages), 200).path("items").get(0).path("spec").path("replicas").asInt()).isEqualTo(1);
    }

    @Test
    void aCreateTheSchemaRefusesGivesBackItsQuotaCharge() {
        ok(api().post("/api/v1/namespaces/" + ns + "/resourcequotas",
                "{\"metadata\":{\"name\":\"q\"},\"spec\":{\"hard\":{\"count/stages." + group + "\":\"1\"}}}"), 201);
        // As the quota controller would: admission enforces a quota once its status holds hard and used.
        ok(api().patch("/api/v1/namespaces/" + ns + "/resourcequotas/q/status", "application/merge-patch+json",
                "{\"status\":{\"hard\":{\"count/stages." + group + "\":\"1\"},\"used\":{\"count/stages." + group
                        + "\":\"0\"}}}"), 200);
        for (int i = 0; i < 3; i++) {
            assertThat(api().post(stages, stage("bad-" + i, "{\"stage\":\"qa\"}")).status()).isEqualTo(422);
        }
        // The refused creates were charged by quota admission before the schema ran; each charge must be given back.
        assertThat(api().post(stages, stage("good", "{\"stage\":\"dev\"}")).status()).isEqualTo(201);
    }

    @Test
    void schemaViolationsAre422WithTheFieldPathAndNothingIsStored() {
        Response enumValue = api().post(stages, stage("e", "{\"stage\":\"qa\"}"));
        assertThat(enumValue.status()).isEqualTo(422);
        assertThat(enumValue.json().path("message").asText()).contains("spec.stage: Unsupported value: \"qa\"");
        assertThat(enumValue.json().path("details").path("causes").get(0).path("field").asText()).isEqualTo("spec.stage");

        Response required = api().post(stages, stage("q", "{}"));
        assertThat(required.status()).isEqualTo(422);
        assertThat(required.json().path("message").asText()).contains("spec.stage: Required value");

        Response pattern = api().post(stages, stage("p", "{\"stage\":\"dev\",\"owner\":\"Bad1\"}"));
        assertThat(pattern.status()).isEqualTo(422);

        Response rule = api().post(stages, stage("c", "{\"stage\":\"dev\",\"replicas\":11}"));
        assertThat(rule.status()).isEqualTo(422);
        assertThat(rule.json().path("message").asText()).contains("at most ten replicas");
        assertThat(ok(api().get(stages), 200).path("items")).isEmpty();
    }

    @Test
    void transitionRulesSeeTheOldObject() {
        ok(api().post(stages, stage("t", "{\"stage\":\"prod\"}")), 201);
        Response changed = api().patch(stages + "/t", "application/merge-patch+json", "{\"spec\":{\"stage\":\"dev\"}}");
        assertThat(changed.status()).isEqualTo(422);
        assertThat(changed.json().path("message").asText()).contains("prod stays prod");
        assertThat(ok(api().get(stages + "/t"), 200).path("spec").path("stage").asText()).isEqualTo("prod");
    }

    @Test
    void statusWritesAreValidatedToo() {
        ok(api().post(stages, stage("st", "{\"stage\":\"dev\"}")), 201);
        Response bad = api().patch(stages + "/st/status", "application/merge-patch+json", "{\"status\":{\"phase\":7}}");
        assertThat(bad.status()).isEqualTo(422);
    }
}
