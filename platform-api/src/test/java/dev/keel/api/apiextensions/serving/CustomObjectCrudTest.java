package dev.keel.api.apiextensions.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.api.objects.ObjectStorage;
import dev.keel.api.resource.ResourceRegistry;
import dev.keel.api.testing.TestApiClient.Response;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Create, read, update, delete, list (paging, label selectors) and deletecollection of custom objects. */
class CustomObjectCrudTest extends CustomResourceTestBase {

    @Autowired
    private ObjectStorage storage;

    @Autowired
    private ResourceRegistry registry;

    private String group;
    private String ns;
    private String widgets;

    @BeforeEach
    void crd() {
        group = uniqueGroup();
        define(widgetCrd(group, "Namespaced"), group, "v1", "widgets");
        ns = createNamespace("cr");
        widgets = "/apis/" + group + "/v1/namespaces/" + ns + "/widgets";
    }

    @Test
    void namespacedObjectsAreCreatedReadUpdatedAndDeleted() {
        JsonNode created = ok(api().post(widgets, widget(group, "v1", "w1", "{\"color\":\"red\",\"replicas\":1}")), 201);
        assertThat(created.path("metadata").path("uid").asText()).isNotEmpty();
        assertThat(created.path("metadata").path("generation").asInt()).isEqualTo(1);
        assertThat(created.path("metadata").path("namespace").asText()).isEqualTo(ns);

        JsonNode read = ok(api().get(widgets + "/w1"), 200);
        assertThat(read.path("spec").path("color").asText()).isEqualTo("red");
        assertThat(read.path("apiVersion").asText()).isEqualTo(group + "/v1");

        String body = widget(group, "v1", "w1", "{\"color\":\"blue\",\"replicas\":1}").replace("\"name\":\"w1\"",
                "\"name\":\"w1\",\"resourceVersion\":\"" + read.path("metadata").path("resourceVersion").asText() + "\"");
        JsonNode updated = ok(api().put(widgets + "/w1", body), 200);
        assertThat(updated.path("spec").path("color").asText()).isEqualTo("blue");
        assertThat(updated.path("metadata").path("generation").asInt()).isEqualTo(2);

        Response stale = api().put(widgets + "/w1", body);
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().path("reason").asText()).isEqualTo("Conflict");

        JsonNode patched = ok(api().patch(widgets + "/w1", "application/merge-patch+json", "{\"spec\":{\"size\":\"L\"}}"), 200);
        assertThat(patched.path("spec").path("size").asText()).isEqualTo("L");
        assertThat(patched.path("spec").path("color").asText()).isEqualTo("blue");

        ok(api().delete(widgets + "/w1"), 200);
        Response gone = api().get(widgets + "/w1");
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().path("message").asText()).isEqualTo("widgets." + group + " \"w1\" not found");
    }

    @Test
    void clusterScopedObjectsLiveOutsideNamespaces() {
        String clusterGroup = uniqueGroup();
        define(plainCrd(clusterGroup, "gadgets", "Gadget", "Cluster"), clusterGroup, "v1", "gadgets");
        String gadgets = "/apis/" + clusterGroup + "/v1/gadgets";

        JsonNode created = ok(api().post(gadgets, "{\"apiVersion\":\"" + clusterGroup + "/v1\",\"kind\":\"Gadget\","
                + "\"metadata\":{\"name\":\"g1\"},\"anything\":{\"kept\":true}}"), 201);
        assertThat(created.path("metadata").has("namespace")).isFalse();
        assertThat(ok(api().get(gadgets + "/g1"), 200).path("anything").path("kept").asBoolean()).isTrue();
        assertThat(api().get("/apis/" + clusterGroup + "/v1/namespaces/" + ns + "/gadgets").status()).isEqualTo(404);
        ok(api().delete(gadgets + "/g1"), 200);
    }

    @Test
    void everyServedVersionReadsTheObjectStoredAtTheStorageVersion() {
        String beta = "/apis/" + group + "/v1beta1/namespaces/" + ns + "/widgets";
        JsonNode created = ok(api().post(beta, widget(group, "v1beta1", "w2", "{\"color\":\"green\"}")), 201);
        assertThat(created.path("apiVersion").asText()).isEqualTo(group + "/v1beta1");

        assertThat(ok(api().get(widgets + "/w2"), 200).path("apiVersion").asText()).isEqualTo(group + "/v1");
        assertThat(ok(api().get(beta + "/w2"), 200).path("apiVersion").asText()).isEqualTo(group + "/v1beta1");
        assertThat(ok(api().get(beta), 200).path("items").get(0).path("apiVersion").asText()).isEqualTo(group + "/v1beta1");
        var type = registry.find(group, "v1", "widgets").orElseThrow();
        assertThat(storage.get(type, ns, "w2").orElseThrow().object().path("apiVersion").asText()).isEqualTo(group + "/v1");

        Response wrongVersion = api().post(widgets, widget(group, "v1beta1", "w3", "{}"));
        assertThat(wrongVersion.status()).isEqualTo(400);
        assertThat(wrongVersion.json().path("message").asText()).contains("does not match the expected API version");
    }

    @Test
    void listsPageAndSelectByLabelAndDeleteCollections() {
        for (int i = 0; i < 5; i++) {
            ok(api().post(widgets, widget(group, "v1", "p" + i, "{\"color\":\"c" + (i % 2) + "\"}")), 201);
        }
        List<String> names = new ArrayList<>();
        String path = widgets + "?limit=2";
        int pages = 0;
        while (true) {
            JsonNode page = ok(api().get(path), 200);
            assertThat(page.path("kind").asText()).isEqualTo("WidgetList");
            page.path("items").forEach(item -> names.add(item.path("metadata").path("name").asText()));
            pages++;
            String next = page.path("metadata").path("continue").asText("");
            if (next.isEmpty()) {
                break;
            }
            path = widgets + "?limit=2&continue=" + next;
        }
        assertThat(names).containsExactly("p0", "p1", "p2", "p3", "p4");
        assertThat(pages).isEqualTo(3);

        JsonNode selected = ok(api().get(widgets + "?labelSelector=app%20in%20(p1,p3)"), 200);
        assertThat(selected.path("items")).hasSize(2);

        ok(api().delete(widgets + "?labelSelector=app%3Dp1"), 200);
        assertThat(ok(api().get(widgets), 200).path("items")).hasSize(4);
        ok(api().delete(widgets), 200);
        assertThat(ok(api().get(widgets), 200).path("items")).isEmpty();
    }

    @Test
    void unknownCustomResourcesAndBadBodiesAreRefused() {
        assertThat(api().get("/apis/" + group + "/v1/namespaces/" + ns + "/gizmos").status()).isEqualTo(404);
        assertThat(api().get("/apis/" + group + "/v2/namespaces/" + ns + "/widgets").status()).isEqualTo(404);
        assertThat(api().get(widgets + "/w1/scale/extra").status()).isEqualTo(404);

        Response wrongKind = api().post(widgets, "{\"apiVersion\":\"" + group + "/v1\",\"kind\":\"Gizmo\",\"metadata\":{\"name\":\"x\"}}");
        assertThat(wrongKind.status()).isEqualTo(400);
        assertThat(wrongKind.json().path("message").asText()).contains("Gizmo");

        Response badName = api().post(widgets, widget(group, "v1", "Not_A_Name", "{}"));
        assertThat(badName.status()).as(badName.body()).isEqualTo(422);
        assertThat(badName.json().path("details").path("causes").get(0).path("field").asText()).isEqualTo("metadata.name");

        Response notAnObject = api().post(widgets, "[1,2]");
        assertThat(notAnObject.status()).isEqualTo(400);

        ok(api().post(widgets, widget(group, "v1", "dup", "{}")), 201);
        Response duplicate = api().post(widgets, widget(group, "v1", "dup", "{}"));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.json().path("reason").asText()).isEqualTo("AlreadyExists");
        assertThat(ok(api().get(widgets), 200).path("items")).hasSize(1);
    }

    @Test
    void protobufIsNeverOfferedForCustomKinds() {
        ok(api().post(widgets, widget(group, "v1", "pb", "{}")), 201);
        Response answer = api().get(widgets + "/pb", "application/vnd.kubernetes.protobuf,application/json");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        assertThat(answer.json().path("metadata").path("name").asText()).isEqualTo("pb");
        Response list = api().get(widgets, "application/vnd.kubernetes.protobuf,application/json");
        assertThat(list.header("Content-Type")).startsWith("application/json");
    }
}
