package dev.keel.api.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.api.testing.ApiServerTest;
import dev.keel.api.testing.TestApiClient.Response;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiscoveryTest extends ApiServerTest {

    private static final String AGGREGATED = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json";

    @Test
    void legacyClientsGetAPIVersionsAndGroupLists() {
        Response core = api().get("/api", "application/json");
        Response groups = api().get("/apis", "application/json");

        assertThat(core.header("Content-Type")).isEqualTo("application/json");
        assertThat(core.json().path("kind").asText()).isEqualTo("APIVersions");
        assertThat(groups.json().path("kind").asText()).isEqualTo("APIGroupList");
        List<String> names = new ArrayList<>();
        groups.json().path("groups").forEach(g -> names.add(g.path("name").asText()));
        assertThat(names).contains("apps", "batch", "coordination.k8s.io", "discovery.k8s.io");
    }

    @Test
    void everyDiscoveryPathAnswersWithATrailingSlashToo() {
        assertThat(api().get("/version/").json().path("gitVersion").asText()).startsWith("v1.");
        assertThat(api().get("/api/").json().path("kind").asText()).isEqualTo("APIVersions");
        assertThat(api().get("/apis/").json().path("kind").asText()).isEqualTo("APIGroupList");
        assertThat(api().get("/apis/", AGGREGATED).json().path("kind").asText()).isEqualTo("APIGroupDiscoveryList");
        assertThat(api().get("/api/v1/").json().path("groupVersion").asText()).isEqualTo("v1");
        assertThat(api().get("/apis/apps/").json().path("kind").asText()).isEqualTo("APIGroup");
        assertThat(api().get("/apis/apps/v1/").json().path("groupVersion").asText()).isEqualTo("apps/v1");
    }

    @Test
    void aggregatedDiscoveryIsServedWhenAsked() {
        Response response = api().get("/apis", AGGREGATED);

        assertThat(response.header("Content-Type")).startsWith("application/json;g=apidiscovery.k8s.io;v=v2");
        JsonNode apps = find(response.json().path("items"), "metadata", "apps");
        JsonNode deployments = find(apps.path("versions").get(0).path("resources"), "resource", "deployments");
        assertThat(deployments.path("scope").asText()).isEqualTo("Namespaced");
        assertThat(deployments.path("shortNames").get(0).asText()).isEqualTo("deploy");
        JsonNode scale = find(deployments.path("subresources"), "subresource", "scale");
        assertThat(scale.path("responseKind").path("group").asText()).isEqualTo("autoscaling");
        assertThat(scale.path("responseKind").path("kind").asText()).isEqualTo("Scale");
    }

    @Test
    void groupVersionListsNameSubresourcesWithTheirKinds() {
        JsonNode core = api().get("/api/v1").json();

        JsonNode eviction = find(core.path("resources"), "name", "pods/eviction");
        JsonNode namespaces = find(core.path("resources"), "name", "namespaces");
        assertThat(eviction.path("group").asText()).isEqualTo("policy");
        assertThat(eviction.path("kind").asText()).isEqualTo("Eviction");
        assertThat(namespaces.path("namespaced").asBoolean()).isFalse();
        assertThat(api().get("/apis/nothing/v1").status()).isEqualTo(404);
    }

    @Test
    void versionNamesTheKubernetesVersionServed() {
        JsonNode version = api().get("/version").json();

        assertThat(version.path("major").asText()).isEqualTo("1");
        assertThat(version.path("gitVersion").asText()).startsWith("v1.");
    }

    private static JsonNode find(JsonNode items, String field, String value) {
        for (JsonNode item : items) {
            JsonNode candidate = field.equals("metadata") ? item.path("metadata").path("name") : item.path(field);
            if (candidate.asText().equals(value)) {
                return item;
            }
        }
        throw new AssertionError("no " + field + "=" + value + " in " + items);
    }
}
