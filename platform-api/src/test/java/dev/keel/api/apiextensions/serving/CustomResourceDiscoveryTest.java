package dev.keel.api.apiextensions.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Discovery (plain and aggregated) follows CRDs as they come and go. */
class CustomResourceDiscoveryTest extends CustomResourceTestBase {

    private static final String AGGREGATED = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json";
    private static final String AGGREGATED_BETA =
            "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json";

    @Test
    void groupsVersionsAndResourcesAreDiscoveredUntilTheCrdIsDeleted() {
        String group = uniqueGroup();
        define(widgetCrd(group, "Namespaced"), group, "v1", "widgets");

        List<String> groups = new ArrayList<>();
        ok(api().get("/apis"), 200).path("groups").forEach(g -> groups.add(g.path("name").asText()));
        assertThat(groups).contains(group);

        JsonNode apiGroup = ok(api().get("/apis/" + group), 200);
        assertThat(apiGroup.path("preferredVersion").path("version").asText()).isEqualTo("v1");
        List<String> versions = new ArrayList<>();
        apiGroup.path("versions").forEach(v -> versions.add(v.path("version").asText()));
        assertThat(versions).containsExactly("v1", "v1beta1");

        JsonNode resources = ok(api().get("/apis/" + group + "/v1"), 200).path("resources");
        JsonNode widgets = find(resources, "name", "widgets");
        assertThat(widgets.path("kind").asText()).isEqualTo("Widget");
        assertThat(widgets.path("singularName").asText()).isEqualTo("widget");
        assertThat(widgets.path("namespaced").asBoolean()).isTrue();
        assertThat(widgets.path("shortNames").get(0).asText()).isEqualTo("wd");
        assertThat(widgets.path("categories").get(0).asText()).isEqualTo("all");
        assertThat(widgets.path("verbs").toString()).contains("deletecollection", "watch", "patch");
        assertThat(find(resources, "name", "widgets/status").path("kind").asText()).isEqualTo("Widget");
        assertThat(find(resources, "name", "widgets/scale").path("group").asText()).isEqualTo("autoscaling");

        for (String accept : List.of(AGGREGATED, AGGREGATED_BETA)) {
            JsonNode item = find(ok(api().get("/apis", accept), 200).path("items"), "metadata", group);
            assertThat(item.path("versions").get(0).path("version").asText()).isEqualTo("v1");
            JsonNode resource = find(item.path("versions").get(0).path("resources"), "resource", "widgets");
            assertThat(resource.path("scope").asText()).isEqualTo("Namespaced");
            assertThat(resource.path("responseKind").path("kind").asText()).isEqualTo("Widget");
            assertThat(resource.path("categories").get(0).asText()).isEqualTo("all");
        }

        ok(api().delete(CRDS + "/widgets." + group), 200);
        awaitStatus("/apis/" + group + "/v1", 404);
        assertThat(api().get("/apis/" + group + "/v1/widgets").status()).isEqualTo(404);
        assertThat(api().get("/apis/" + group).status()).isEqualTo(404);
        assertThat(ok(api().get("/apis", AGGREGATED), 200).toString()).doesNotContain(group);
    }

    @Test
    void aVersionThatStopsBeingServedLeavesDiscovery() {
        String group = uniqueGroup();
        define(widgetCrd(group, "Cluster"), group, "v1", "widgets");
        JsonNode crd = ok(api().get(CRDS + "/widgets." + group), 200);
        String patch = "[{\"op\":\"replace\",\"path\":\"/spec/versions/1/served\",\"value\":false}]";
        ok(api().patch(CRDS + "/widgets." + group, "application/json-patch+json", patch), 200);
        awaitStatus("/apis/" + group + "/v1beta1/widgets", 404);
        assertThat(api().get("/apis/" + group + "/v1/widgets").status()).isEqualTo(200);
        assertThat(crd.path("metadata").path("name").asText()).isEqualTo("widgets." + group);
        ok(api().delete(CRDS + "/widgets." + group), 200);
    }

    private static JsonNode find(JsonNode items, String field, String value) {
        for (JsonNode item : items) {
            JsonNode candidate = field.equals("metadata") ? item.path("metadata").path("name") : item.path(field);
            if (candidate.asText().equals(value)) {
                return item;
            }
        }
        throw new AssertionError(value + " not found in " + items);
    }
}
