package dev.keel.api.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.api.testing.ApiServerTest;
import dev.keel.api.testing.TestApiClient.Response;
import org.junit.jupiter.api.Test;

/**
 * Namespaces carry {@code kubernetes.io/metadata.name=<name>}, set by the server on every create and update whatever
 * the request says, as kube-apiserver's namespace strategy does: webhooks and NetworkPolicies select on it.
 */
class NamespaceNameLabelTest extends ApiServerTest {

    private static final String LABEL = "kubernetes.io/metadata.name";

    private String label(String namespace) {
        return api().get("/api/v1/namespaces/" + namespace).json().path("metadata").path("labels").path(LABEL).asText(null);
    }

    @Test
    void theServerSetsTheLabelOnCreateWhateverTheRequestSays() {
        String name = uniqueName("label");
        Response created = api().post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"" + name + "\",\"labels\":{\""
                + LABEL + "\":\"someone-else\",\"team\":\"a\"}}}");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(label(name)).isEqualTo(name);
    }

    @Test
    void noUpdateChangesOrRemovesTheLabel() {
        String name = createNamespace("label");
        String path = "/api/v1/namespaces/" + name;

        Response put = api().put(path, "{\"metadata\":{\"name\":\"" + name + "\",\"labels\":{\"" + LABEL + "\":\"x\"}}}");
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(label(name)).isEqualTo(name);

        Response withoutLabels = api().put(path, "{\"metadata\":{\"name\":\"" + name + "\"}}");
        assertThat(withoutLabels.status()).as(withoutLabels.body()).isEqualTo(200);
        assertThat(label(name)).isEqualTo(name);

        Response merge = api().patch(path, "application/merge-patch+json", "{\"metadata\":{\"labels\":{\"" + LABEL + "\":null}}}");
        assertThat(merge.status()).as(merge.body()).isEqualTo(200);
        assertThat(label(name)).isEqualTo(name);

        Response jsonPatch = api().patch(path, "application/json-patch+json",
                "[{\"op\":\"replace\",\"path\":\"/metadata/labels/kubernetes.io~1metadata.name\",\"value\":\"y\"}]");
        assertThat(jsonPatch.status()).as(jsonPatch.body()).isEqualTo(200);
        assertThat(label(name)).isEqualTo(name);

        Response status = api().put(path + "/status", "{\"metadata\":{\"name\":\"" + name + "\",\"labels\":{}},"
                + "\"status\":{\"phase\":\"Active\"}}");
        assertThat(status.status()).as(status.body()).isEqualTo(200);
        assertThat(label(name)).isEqualTo(name);
    }

    @Test
    void theLabelSelectsTheNamespace() {
        String name = createNamespace("label");

        Response list = api().get("/api/v1/namespaces?labelSelector=" + LABEL + "%3D" + name);

        assertThat(list.json().path("items")).hasSize(1);
        assertThat(list.json().path("items").get(0).path("metadata").path("name").asText()).isEqualTo(name);
    }
}
