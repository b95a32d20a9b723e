package dev.keel.api.apiextensions.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** /openapi/v2 and /openapi/v3 carry custom kinds' schemas and paths while their CRDs are served. */
class CustomResourceOpenApiTest extends CustomResourceTestBase {

    @Test
    void swaggerAndV3DocumentsFollowTheCrd() {
        String group = uniqueGroup();
        java.util.List<String> parts = new java.util.ArrayList<>(java.util.List.of(group.split("\\.")));
        java.util.Collections.reverse(parts);
        String reversed = String.join(".", parts);
        define(widgetCrd(group, "Namespaced"), group, "v1", "widgets");

        JsonNode swagger = ok(api().get("/openapi/v2", "application/json"), 200);
        JsonNode definition = swagger.path("definitions").path(reversed + ".v1.Widget");
        assertThat(definition.path("properties").path("spec").path("properties").path("color").path("type").asText())
                .isEqualTo("string");
        assertThat(definition.path("properties").path("metadata").path("$ref").asText())
                .isEqualTo("#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta");
        assertThat(definition.path("x-kubernetes-group-version-kind").get(0).path("kind").asText()).isEqualTo("Widget");
        JsonNode patch = swagger.path("paths").path("/apis/" + group + "/v1/namespaces/{namespace}/widgets/{name}").path("patch");
        assertThat(patch.path("consumes").toString()).contains("merge-patch").doesNotContain("strategic");
        assertThat(patch.path("parameters").toString()).contains("fieldValidation");
        assertThat(swagger.path("paths").has("/apis/" + group + "/v1/namespaces/{namespace}/widgets/{name}/scale")).isTrue();

        JsonNode index = ok(api().get("/openapi/v3"), 200);
        String url = index.path("paths").path("apis/" + group + "/v1").path("serverRelativeURL").asText();
        assertThat(url).startsWith("/openapi/v3/apis/" + group + "/v1?hash=");
        JsonNode v3 = ok(api().get(url), 200);
        JsonNode schema = v3.path("components").path("schemas").path(reversed + ".v1.Widget");
        assertThat(schema.path("properties").path("spec").path("properties").has("replicas")).isTrue();
        assertThat(v3.path("components").path("schemas").has("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta")).isTrue();
        assertThat(ok(api().get("/openapi/v3/apis/" + group + "/v1beta1"), 200).path("paths").size()).isPositive();

        ok(api().delete(CRDS + "/widgets." + group), 200);
        awaitStatus("/openapi/v3/apis/" + group + "/v1", 404);
        assertThat(ok(api().get("/openapi/v2", "application/json"), 200).path("definitions").has(reversed + ".v1.Widget"))
                .isFalse();
        assertThat(api().get("/openapi/v2", "application/com.github.proto-openapi.spec.v2@v1.0+protobuf").status())
                .isEqualTo(200);
    }
}
