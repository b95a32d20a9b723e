package dev.keel.api.apiextensions.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading CRDs into served kinds, the JSONPath subset, and printer-column cells. */
class CustomKindsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void servedVersionsComeInKubernetesPriorityOrderWithTheirDetails() {
        JsonNode crd = json(CustomResourceTestBase.widgetCrd("a.example.com", "Cluster")
                .replace("\"name\":\"v1beta1\",\"served\":true", "\"name\":\"v1beta1\",\"served\":true")
                .replace("\"metadata\":{\"name\":\"widgets.a.example.com\"}",
                        "\"metadata\":{\"name\":\"widgets.a.example.com\",\"uid\":\"u\",\"generation\":3}"));
        List<CustomKind> kinds = CustomKinds.of(crd);

        assertThat(kinds).extracting(k -> k.type().version()).containsExactly("v1", "v1beta1");
        CustomKind v1 = kinds.get(0);
        assertThat(v1.type().namespaced()).isFalse();
        assertThat(v1.type().shortNames()).containsExactly("wd");
        assertThat(v1.type().categories()).containsExactly("all");
        assertThat(v1.type().subresources()).containsExactlyInAnyOrder("status", "scale");
        assertThat(v1.selectableFields()).containsExactly("spec.color");
        assertThat(v1.printerColumns()).extracting(CustomKind.PrinterColumn::name)
                .containsExactly("Color", "Replicas", "Size", "Created");
        assertThat(v1.scale().labelSelectorPath()).isEqualTo(".status.selector");
        assertThat(v1.crdGeneration()).isEqualTo(3);
        assertThat(kinds.get(1).storageApiVersion()).isEqualTo("a.example.com/v1");
        assertThat(kinds.get(1).type().subresources()).isEmpty();
    }

    @Test
    void versionPriorityIsGaThenBetaThenAlphaThenOthers() {
        List<String> versions = new java.util.ArrayList<>(List.of("v1alpha1", "foo", "v1beta1", "v2", "v1", "v1beta2", "v11alpha2"));
        versions.sort(CustomKinds::compareVersions);
        assertThat(versions).containsExactly("v2", "v1", "v1beta2", "v1beta1", "v11alpha2", "v1alpha1", "foo");
    }

    @Test
    void jsonPathsReachFieldsIndexesWildcardsAndFilters() {
        JsonNode object = json("""
                {"spec":{"a.b":"dotted","list":[{"n":1},{"n":2}]},
                 "status":{"conditions":[{"type":"Ready","status":"True"},{"type":"Synced","status":"False"}]}}""");
        assertThat(JsonPaths.at(object, ".spec['a.b']").asText()).isEqualTo("dotted");
        assertThat(JsonPaths.at(object, "{.spec.list[1].n}").asInt()).isEqualTo(2);
        assertThat(JsonPaths.at(object, ".spec.list[-1].n").asInt()).isEqualTo(2);
        assertThat(JsonPaths.find(object, ".spec.list[*].n")).hasSize(2);
        assertThat(JsonPaths.at(object, ".status.conditions[?(@.type==\"Ready\")].status").asText()).isEqualTo("True");
        assertThat(JsonPaths.find(object, ".spec.missing.deeper")).isEmpty();

        ObjectNode target = JSON.createObjectNode();
        JsonPaths.set(target, ".spec.scale.replicas", JSON.getNodeFactory().numberNode(4));
        assertThat(target.path("spec").path("scale").path("replicas").asInt()).isEqualTo(4);
    }

    @Test
    void printerCellsAreTypedAsKubeApiserverTypesThem() {
        CustomKind kind = CustomKinds.of(json(CustomResourceTestBase.widgetCrd("b.example.com", "Namespaced"))).get(0);
        PrinterColumns columns = new PrinterColumns(kind);
        Instant now = Instant.parse("2026-01-01T01:00:00Z");
        JsonNode object = json("""
                {"metadata":{"name":"w","creationTimestamp":"2026-01-01T00:00:00Z"},
                 "spec":{"color":"red","replicas":"three"}}""");
        assertThat(columns.cells(object, now)).containsExactly("w", "red", null, null, "60m");
        assertThat(columns.columns()).extracting(c -> c.name()).containsExactly("Name", "Color", "Replicas", "Size", "Created");

        CustomKind plain = CustomKinds.of(json(CustomResourceTestBase.plainCrd("c.example.com", "notes", "Note",
                "Cluster"))).get(0);
        assertThat(new PrinterColumns(plain).columns()).extracting(c -> c.name()).containsExactly("Name", "Age");
    }
}
