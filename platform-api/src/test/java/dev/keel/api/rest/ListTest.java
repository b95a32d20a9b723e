package dev.keel.api.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.api.testing.ApiServerTest;
import dev.keel.api.testing.TestApiClient.Response;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ListTest extends ApiServerTest {

    private String ns;
    private String pods;

    @BeforeEach
    void namespace() {
        ns = createNamespace("list");
        pods = "/api/v1/namespaces/" + ns + "/pods";
    }

    private void pod(String name, String app, String node) {
        String nodeName = node == null ? "" : "\"nodeName\":\"" + node + "\",";
        Response response = api().post(pods, """
                {"metadata":{"name":"%s","labels":{"app":"%s"}},
                 "spec":{%s"containers":[{"name":"c","image":"i"}]}}""".formatted(name, app, nodeName));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    private static List<String> names(JsonNode list) {
        List<String> names = new ArrayList<>();
        list.path("items").forEach(item -> names.add(item.path("metadata").path("name").asText()));
        return names;
    }

    @Test
    void listsCarryKindAndResourceVersion() {
        pod("a", "web", null);
        JsonNode list = api().get(pods).json();

        assertThat(list.path("kind").asText()).isEqualTo("PodList");
        assertThat(list.path("apiVersion").asText()).isEqualTo("v1");
        assertThat(list.path("metadata").path("resourceVersion").asLong()).isPositive();
        assertThat(names(list)).containsExactly("a");
    }

    @Test
    void labelSelectorsFilter() {
        pod("a", "web", null);
        pod("b", "db", null);
        pod("c", "cache", null);

        assertThat(names(api().get(pods + "?labelSelector=app%3Dweb").json())).containsExactly("a");
        assertThat(names(api().get(pods + "?labelSelector=app!%3Dweb").json())).containsExactly("b", "c");
        assertThat(names(api().get(pods + "?labelSelector=app%20in%20(db,cache)").json())).containsExactly("b", "c");
        assertThat(names(api().get(pods + "?labelSelector=!app").json())).isEmpty();
    }

    @Test
    void fieldSelectorsFilterOnNodeNameAndPhase() {
        pod("a", "web", "node-1");
        pod("b", "web", "node-2");
        pod("c", "web", null);

        assertThat(names(api().get(pods + "?fieldSelector=spec.nodeName%3Dnode-1").json())).containsExactly("a");
        assertThat(names(api().get(pods + "?fieldSelector=spec.nodeName%3D").json())).containsExactly("c");
        assertThat(names(api().get(pods + "?fieldSelector=status.phase%3DPending,metadata.name!%3Da").json()))
                .containsExactly("b", "c");
    }

    @Test
    void allNamespacesListsIncludeEveryNamespace() {
        pod("a", "spread", null);
        String other = createNamespace("list-other");
        api().post("/api/v1/namespaces/" + other + "/pods",
                "{\"metadata\":{\"name\":\"z\",\"labels\":{\"app\":\"spread\"}},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"i\"}]}}");

        JsonNode all = api().get("/api/v1/pods?labelSelector=app%3Dspread").json();
        assertThat(names(all)).contains("a", "z");
    }

    @Test
    void pagesFollowContinueTokensAtOneResourceVersion() {
        for (int i = 0; i < 7; i++) {
            pod("p" + i, "web", null);
        }
        Response first = api().get(pods + "?limit=3");
        String token = first.json().path("metadata").path("continue").asText();
        pod("p9-late", "web", null);
        Response second = api().get(pods + "?limit=3&continue=" + token);
        Response third = api().get(pods + "?limit=3&continue=" + second.json().path("metadata").path("continue").asText());

        assertThat(names(first.json())).containsExactly("p0", "p1", "p2");
        assertThat(names(second.json())).containsExactly("p3", "p4", "p5");
        assertThat(names(third.json())).as("the late pod is newer than the list").containsExactly("p6");
        assertThat(third.json().path("metadata").has("continue")).isFalse();
        assertThat(second.json().path("metadata").path("resourceVersion").asText())
                .isEqualTo(first.json().path("metadata").path("resourceVersion").asText());
    }

    @Test
    void pagingWithASelectorStillFillsPages() {
        for (int i = 0; i < 6; i++) {
            pod("p" + i, i % 2 == 0 ? "even" : "odd", null);
        }
        JsonNode first = api().get(pods + "?limit=2&labelSelector=app%3Deven").json();
        JsonNode second = api().get(pods + "?limit=2&labelSelector=app%3Deven&continue="
                + first.path("metadata").path("continue").asText()).json();

        assertThat(names(first)).containsExactly("p0", "p2");
        assertThat(names(second)).containsExactly("p4");
    }

    @Test
    void aTamperedContinueTokenIsABadRequest() {
        Response response = api().get(pods + "?limit=1&continue=not-a-token");
        assertThat(response.status()).isEqualTo(400);
    }

    @Test
    void tablesListTheKindsColumns() {
        pod("a", "web", "node-1");
        Response table = api().get(pods, "application/json;as=Table;v=v1;g=meta.k8s.io,application/json");

        JsonNode body = table.json();
        assertThat(body.path("kind").asText()).isEqualTo("Table");
        List<String> columns = new ArrayList<>();
        body.path("columnDefinitions").forEach(c -> columns.add(c.path("name").asText()));
        assertThat(columns).startsWith("Name", "Ready", "Status", "Restarts", "Age").contains("IP", "Node");
        assertThat(body.path("rows").get(0).path("cells").get(0).asText()).isEqualTo("a");
    }

    @Test
    void yamlIsServedWhenAsked() {
        pod("a", "web", null);
        Response yaml = api().get(pods + "/a", "application/yaml");

        assertThat(yaml.header("Content-Type")).startsWith("application/yaml");
        assertThat(yaml.body()).contains("kind: Pod").contains("name: a");
    }
}
