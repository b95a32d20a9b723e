package dev.keel.api.apiextensions.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.api.testing.TestApiClient.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** /status and /scale of custom objects, and the generation rule. */
class CustomObjectSubresourceTest extends CustomResourceTestBase {

    private String group;
    private String widgets;

    @BeforeEach
    void crd() {
        group = uniqueGroup();
        define(widgetCrd(group, "Namespaced"), group, "v1", "widgets");
        widgets = "/apis/" + group + "/v1/namespaces/" + createNamespace("sub") + "/widgets";
    }

    @Test
    void statusIsWrittenOnlyThroughItsSubresourceAndSpecOnlyThroughTheMainResource() {
        JsonNode created = ok(api().post(widgets, widget(group, "v1", "w", "{\"color\":\"red\"}")
                .replace("}}", "},\"status\":{\"phase\":\"Ignored\"}}")), 201);
        assertThat(created.has("status")).isFalse();

        JsonNode status = ok(api().patch(widgets + "/w/status", "application/merge-patch+json",
                "{\"status\":{\"phase\":\"Ready\"},\"spec\":{\"color\":\"ignored\"}}"), 200);
        assertThat(status.path("status").path("phase").asText()).isEqualTo("Ready");
        assertThat(status.path("spec").path("color").asText()).isEqualTo("red");
        assertThat(status.path("metadata").path("generation").asInt()).isEqualTo(1);

        JsonNode main = ok(api().patch(widgets + "/w", "application/merge-patch+json",
                "{\"status\":{\"phase\":\"Ignored\"},\"spec\":{\"color\":\"blue\"}}"), 200);
        assertThat(main.path("status").path("phase").asText()).isEqualTo("Ready");
        assertThat(main.path("spec").path("color").asText()).isEqualTo("blue");
        assertThat(main.path("metadata").path("generation").asInt()).isEqualTo(2);

        JsonNode labelled = ok(api().patch(widgets + "/w", "application/merge-patch+json",
                "{\"metadata\":{\"labels\":{\"extra\":\"yes\"}}}"), 200);
        assertThat(labelled.path("metadata").path("generation").asInt()).isEqualTo(2);

        JsonNode read = ok(api().get(widgets + "/w/status"), 200);
        assertThat(read.path("status").path("phase").asText()).isEqualTo("Ready");
    }

    @Test
    void withoutAStatusSubresourceStatusIsPartOfTheObject() {
        String plainGroup = uniqueGroup();
        define(plainCrd(plainGroup, "notes", "Note", "Cluster"), plainGroup, "v1", "notes");
        String notes = "/apis/" + plainGroup + "/v1/notes";
        JsonNode created = ok(api().post(notes, "{\"apiVersion\":\"" + plainGroup + "/v1\",\"kind\":\"Note\","
                + "\"metadata\":{\"name\":\"n\"},\"spec\":{\"a\":1},\"status\":{\"b\":2}}"), 201);
        assertThat(created.path("status").path("b").asInt()).isEqualTo(2);
        assertThat(api().get(notes + "/n/status").status()).isEqualTo(404);
        JsonNode updated = ok(api().patch(notes + "/n", "application/merge-patch+json", "{\"status\":{\"b\":3}}"), 200);
        assertThat(updated.path("status").path("b").asInt()).isEqualTo(3);
        // Without a status subresource every change but metadata moves the generation.
        assertThat(updated.path("metadata").path("generation").asInt()).isEqualTo(2);
        ok(api().delete(notes + "/n"), 200);
    }

    @Test
    void scaleReadsAndWritesThroughTheCrdPaths() {
        ok(api().post(widgets, widget(group, "v1", "s", "{\"replicas\":2}")), 201);
        ok(api().patch(widgets + "/s/status", "application/merge-patch+json",
                "{\"status\":{\"replicas\":1,\"selector\":\"app=s\"}}"), 200);

        JsonNode scale = ok(api().get(widgets + "/s/scale"), 200);
        assertThat(scale.path("kind").asText()).isEqualTo("Scale");
        assertThat(scale.path("apiVersion").asText()).isEqualTo("autoscaling/v1");
        assertThat(scale.path("spec").path("replicas").asInt()).isEqualTo(2);
        assertThat(scale.path("status").path("replicas").asInt()).isEqualTo(1);
        assertThat(scale.path("status").path("selector").asText()).isEqualTo("app=s");

        JsonNode patched = ok(api().patch(widgets + "/s/scale", "application/merge-patch+json",
                "{\"spec\":{\"replicas\":5}}"), 200);
        assertThat(patched.path("spec").path("replicas").asInt()).isEqualTo(5);
        assertThat(ok(api().get(widgets + "/s"), 200).path("spec").path("replicas").asInt()).isEqualTo(5);

        String put = "{\"apiVersion\":\"autoscaling/v1\",\"kind\":\"Scale\",\"metadata\":{\"name\":\"s\"},\"spec\":{\"replicas\":3}}";
        assertThat(ok(api().put(widgets + "/s/scale", put), 200).path("spec").path("replicas").asInt()).isEqualTo(3);
        assertThat(ok(api().get(widgets + "/s"), 200).path("spec").path("replicas").asInt()).isEqualTo(3);

        Response stale = api().put(widgets + "/s/scale", put.replace("\"name\":\"s\"", "\"name\":\"s\",\"resourceVersion\":\"1\""));
        assertThat(stale.status()).isEqualTo(409);
    }

    @Test
    void strategicMergePatchIsRefusedForCustomKinds() {
        ok(api().post(widgets, widget(group, "v1", "smp", "{}")), 201);
        Response refused = api().patch(widgets + "/smp", "application/strategic-merge-patch+json", "{\"spec\":{\"color\":\"x\"}}");
        assertThat(refused.status()).isEqualTo(415);
    }
}
