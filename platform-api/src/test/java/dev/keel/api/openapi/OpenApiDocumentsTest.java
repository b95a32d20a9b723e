package dev.keel.api.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keel.api.resource.BuiltinResources;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class OpenApiDocumentsTest {

    private static final OpenApiDocuments DOCUMENTS = new OpenApiDocuments(BuiltinResources.registry(), "v1.33.0");
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void discoveryNamesEveryGroupVersionWithItsHash() throws IOException {
        JsonNode paths = json.readTree(DOCUMENTS.discovery().body()).path("paths");
        assertThat(paths.fieldNames()).toIterable().containsExactly("api/v1", "apis/apps/v1", "apis/batch/v1",
                "apis/coordination.k8s.io/v1", "apis/discovery.k8s.io/v1", "apis/policy/v1", "apis/scheduling.k8s.io/v1",
                "apis/admissionregistration.k8s.io/v1",
                "apis/apiextensions.k8s.io/v1");
        String hash = DOCUMENTS.groupVersion("apis/apps/v1").orElseThrow().hash();
        assertThat(paths.at("/apis~1apps~1v1/serverRelativeURL").asText()).isEqualTo("/openapi/v3/apis/apps/v1?hash=" + hash);
    }

    @Test
    void everyPatchOperationListsFieldValidationAndItsKind() throws IOException {
        JsonNode apps = json.readTree(DOCUMENTS.groupVersion("apis/apps/v1").orElseThrow().body());
        JsonNode patch = apps.at("/paths/~1apis~1apps~1v1~1namespaces~1{namespace}~1deployments~1{name}/patch");
        assertThat(patch.path("x-kubernetes-group-version-kind").toString())
                .isEqualTo("{\"group\":\"apps\",\"kind\":\"Deployment\",\"version\":\"v1\"}");
        assertThat(patch.path("parameters").findValuesAsText("name")).contains("fieldValidation", "fieldManager", "dryRun", "force");

        for (JsonNode document : new JsonNode[] {apps, json.readTree(DOCUMENTS.swaggerJson().body())}) {
            document.path("paths").forEach(path -> {
                if (path.has("patch")) {
                    assertThat(path.at("/patch/parameters").findValuesAsText("name")).contains("fieldValidation");
                }
            });
        }
    }

    @Test
    void kindsInComponentsCarryTheOperationsGroupVersionKind() throws IOException {
        JsonNode core = json.readTree(DOCUMENTS.groupVersion("api/v1").orElseThrow().body());
        JsonNode pod = core.at("/components/schemas/io.k8s.api.core.v1.Pod");
        assertThat(pod.path("x-kubernetes-group-version-kind").toString())
                .isEqualTo("[{\"group\":\"\",\"kind\":\"Pod\",\"version\":\"v1\"}]");
        assertThat(core.at("/components/schemas/io.k8s.api.core.v1.PodList/properties/items/items/$ref").asText())
                .isEqualTo("#/components/schemas/io.k8s.api.core.v1.Pod");
        JsonNode apps = json.readTree(DOCUMENTS.groupVersion("apis/apps/v1").orElseThrow().body());
        assertThat(apps.at("/components/schemas").has("io.k8s.api.core.v1.PodTemplateSpec")).isTrue();
        assertThat(apps.at("/components/schemas/io.k8s.api.autoscaling.v1.Scale/x-kubernetes-group-version-kind/0/group")
                .asText()).isEqualTo("autoscaling");
    }

    @Test
    void renderedDocumentsAreStable() {
        OpenApiDocuments again = new OpenApiDocuments(BuiltinResources.registry(), "v1.33.0");
        assertThat(again.swaggerProtobuf().hash()).isEqualTo(DOCUMENTS.swaggerProtobuf().hash());
        assertThat(again.groupVersion("api/v1").orElseThrow().hash())
                .isEqualTo(DOCUMENTS.groupVersion("api/v1").orElseThrow().hash());
    }
}
