package dev.keel.api.apiextensions.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.api.testing.TestApiClient.Response;
import dev.keel.api.testing.TestApiClient.WatchEvents;
import dev.keel.api.testing.WebSocketWatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tables with printer columns, field selectors and watches of custom objects. */
class CustomObjectListingTest extends CustomResourceTestBase {

    private static final String TABLE = "application/json;as=Table;v=v1;g=meta.k8s.io";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private String group;
    private String ns;
    private String widgets;

    @BeforeEach
    void crd() {
        group = uniqueGroup();
        define(widgetCrd(group, "Namespaced"), group, "v1", "widgets");
        ns = createNamespace("list");
        widgets = "/apis/" + group + "/v1/namespaces/" + ns + "/widgets";
    }

    @Test
    void tablesCarryThePrinterColumns() {
        ok(api().post(widgets, widget(group, "v1", "t", "{\"color\":\"red\",\"replicas\":3,\"size\":\"M\"}")), 201);

        JsonNode table = ok(api().get(widgets, TABLE), 200);
        assertThat(table.path("kind").asText()).isEqualTo("Table");
        List<String> names = new ArrayList<>();
        List<Integer> priorities = new ArrayList<>();
        table.path("columnDefinitions").forEach(c -> {
            names.add(c.path("name").asText());
            priorities.add(c.path("priority").asInt());
        });
        assertThat(names).containsExactly("Name", "Color", "Replicas", "Size", "Created");
        assertThat(priorities).containsExactly(0, 0, 0, 1, 0);
        JsonNode cells = table.path("rows").get(0).path("cells");
        assertThat(cells.get(0).asText()).isEqualTo("t");
        assertThat(cells.get(1).asText()).isEqualTo("red");
        assertThat(cells.get(2).isIntegralNumber()).isTrue();
        assertThat(cells.get(2).asInt()).isEqualTo(3);
        assertThat(cells.get(3).asText()).isEqualTo("M");
        assertThat(cells.get(4).asText()).matches("\\d+s");

        JsonNode one = ok(api().get(widgets + "/t", TABLE), 200);
        assertThat(one.path("rows")).hasSize(1);
    }

    @Test
    void kindsWithoutPrinterColumnsShowNameAndAge() {
        String plainGroup = uniqueGroup();
        define(plainCrd(plainGroup, "notes", "Note", "Namespaced"), plainGroup, "v1", "notes");
        String notes = "/apis/" + plainGroup + "/v1/namespaces/" + ns + "/notes";
        ok(api().post(notes, "{\"apiVersion\":\"" + plainGroup + "/v1\",\"kind\":\"Note\",\"metadata\":{\"name\":\"n\"}}"), 201);
        JsonNode table = ok(api().get(notes, TABLE), 200);
        List<String> names = new ArrayList<>();
        table.path("columnDefinitions").forEach(c -> names.add(c.path("name").asText()));
        assertThat(names).containsExactly("Name", "Age");
        assertThat(table.path("rows").get(0).path("cells").get(0).asText()).isEqualTo("n");
    }

    @Test
    void fieldSelectorsTakeNameNamespaceAndSelectableFields() {
        ok(api().post(widgets, widget(group, "v1", "a", "{\"color\":\"red\",\"size\":\"S\"}")), 201);
        ok(api().post(widgets, widget(group, "v1", "b", "{\"color\":\"blue\",\"size\":\"S\"}")), 201);

        assertThat(names(ok(api().get(widgets + "?fieldSelector=spec.color%3Dred"), 200))).containsExactly("a");
        assertThat(names(ok(api().get(widgets + "?fieldSelector=spec.color!%3Dred"), 200))).containsExactly("b");
        assertThat(names(ok(api().get(widgets + "?fieldSelector=metadata.name%3Db"), 200))).containsExactly("b");
        assertThat(names(ok(api().get("/apis/" + group + "/v1/widgets?fieldSelector=metadata.namespace%3D" + ns), 200)))
                .containsExactly("a", "b");

        Response unsupported = api().get(widgets + "?fieldSelector=spec.size%3DS");
        assertThat(unsupported.status()).isEqualTo(400);
        assertThat(unsupported.json().path("message").asText()).isEqualTo("field label not supported: spec.size");
    }

    @Test
    void kindsWithoutSelectableFieldsRefuseOtherFieldsInKubernetesWords() {
        String plainGroup = uniqueGroup();
        define(plainCrd(plainGroup, "notes", "Note", "Namespaced"), plainGroup, "v1", "notes");
        Response refused = api().get("/apis/" + plainGroup + "/v1/notes?fieldSelector=spec.x%3D1");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("message").asText())
                .isEqualTo("\"spec.x\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"");
    }

    @Test
    void watchesSeeChangesAtTheVersionAskedForAndFilterBySelectableField() throws Exception {
        JsonNode list = ok(api().get(widgets), 200);
        String from = list.path("metadata").path("resourceVersion").asText();
        String beta = "/apis/" + group + "/v1beta1/namespaces/" + ns + "/widgets";
        try (WatchEvents all = api().watch(widgets + "?watch=true&resourceVersion=" + from);
                WatchEvents betaWatch = api().watch(beta + "?watch=true&resourceVersion=" + from);
                WatchEvents red = api().watch(widgets + "?watch=true&fieldSelector=spec.color%3Dred&resourceVersion=" + from)) {
            ok(api().post(widgets, widget(group, "v1", "w", "{\"color\":\"blue\"}")), 201);
            ok(api().patch(widgets + "/w", "application/merge-patch+json", "{\"spec\":{\"color\":\"red\"}}"), 200);
            ok(api().delete(widgets + "/w"), 200);

            assertThat(type(all.next(WAIT))).isEqualTo("ADDED");
            assertThat(type(all.next(WAIT))).isEqualTo("MODIFIED");
            assertThat(type(all.next(WAIT))).isEqualTo("DELETED");

            JsonNode betaEvent = betaWatch.next(WAIT);
            assertThat(betaEvent.path("object").path("apiVersion").asText()).isEqualTo(group + "/v1beta1");

            JsonNode redAdded = red.next(WAIT);
            assertThat(type(redAdded)).isEqualTo("ADDED");
            assertThat(redAdded.path("object").path("spec").path("color").asText()).isEqualTo("red");
            assertThat(type(red.next(WAIT))).isEqualTo("DELETED");
        }
    }

    @Test
    void webSocketWatchesWorkAsForBuiltInKinds() throws Exception {
        String from = ok(api().get(widgets), 200).path("metadata").path("resourceVersion").asText();
        try (WebSocketWatch watch = webSocketWatch(widgets + "?watch=true&resourceVersion=" + from)) {
            ok(api().post(widgets, widget(group, "v1", "ws", "{}")), 201);
            JsonNode event = watch.next(WAIT);
            assertThat(type(event)).isEqualTo("ADDED");
            assertThat(event.path("object").path("kind").asText()).isEqualTo("Widget");
        }
    }

    private static String type(JsonNode event) {
        assertThat(event).as("an event arrived").isNotNull();
        return event.path("type").asText();
    }

    private static List<String> names(JsonNode list) {
        List<String> names = new ArrayList<>();
        list.path("items").forEach(item -> names.add(item.path("metadata").path("name").asText()));
        return names;
    }
}
