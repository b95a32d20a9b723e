package dev.keel.api.apiextensions.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.apiextensions.CustomResourceCleanup;
import dev.keel.api.registry.KindStrategy;
import dev.keel.api.registry.ScaleAccess;
import dev.keel.api.table.ColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The registry strategy a CRD's served versions get, and where their objects are stored. */
class CustomKindStrategyTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private static List<CustomKind> widgets() throws Exception {
        return CustomKinds.of(json(CustomResourceTestBase.widgetCrd("a.example.com", "Namespaced")));
    }

    @Test
    void strategyCarriesColumnsScaleSelectableFieldsAndStatus() throws Exception {
        KindStrategy strategy = CustomKindStrategy.of(widgets());

        assertThat(strategy.key()).isEqualTo("widgets.a.example.com");
        assertThat(strategy.namespaced()).isTrue();
        assertThat(strategy.separateStatus()).isTrue();
        assertThat(strategy.selectableFields()).containsExactlyInAnyOrder("metadata.name", "metadata.namespace", "spec.color");
        assertThat(strategy.columns().columns()).extracting(ColumnDefinition::name)
                .containsExactly("Name", "Color", "Replicas", "Size", "Created");

        ScaleAccess scale = strategy.scale().orElseThrow();
        ObjectNode widget = (ObjectNode) json("""
                {"apiVersion":"a.example.com/v1","kind":"Widget","metadata":{"name":"w","namespace":"n","resourceVersion":"7"},
                 "spec":{"replicas":2},"status":{"replicas":1,"selector":"app=w"}}""");
        JsonNode read = scale.toScale(widget);
        assertThat(read.at("/spec/replicas").asInt()).isEqualTo(2);
        assertThat(read.at("/status/replicas").asInt()).isEqualTo(1);
        assertThat(read.at("/status/selector").asText()).isEqualTo("app=w");
        assertThat(read.at("/metadata/resourceVersion").asText()).isEqualTo("7");
        assertThat(scale.withReplicas(widget, 5).at("/spec/replicas").asInt()).isEqualTo(5);
        assertThat(widget.at("/spec/replicas").asInt()).as("the original is left alone").isEqualTo(2);
    }

    @Test
    void generationMovesWithAnyChangeButMetadataAndSeparateStatus() throws Exception {
        ObjectNode current = (ObjectNode) json("{\"metadata\":{\"name\":\"w\"},\"spec\":{\"a\":1},\"status\":{\"s\":1},\"top\":1}");
        ObjectNode labelled = current.deepCopy();
        labelled.withObjectProperty("metadata").putObject("labels").put("x", "y");
        ObjectNode newStatus = current.deepCopy();
        newStatus.withObjectProperty("status").put("s", 2);
        ObjectNode newTop = current.deepCopy();
        newTop.put("top", 2);
        ObjectNode sameNumber = (ObjectNode) json("{\"metadata\":{\"name\":\"w\"},\"spec\":{\"a\":1.0},\"status\":{\"s\":1},\"top\":1}");

        var separate = CustomKindStrategy.generationRule(true);
        assertThat(separate.moves(current, labelled)).isFalse();
        assertThat(separate.moves(current, newStatus)).isFalse();
        assertThat(separate.moves(current, newTop)).isTrue();
        assertThat(separate.moves(current, sameNumber)).isFalse();
        assertThat(CustomKindStrategy.generationRule(false).moves(current, newStatus)).isTrue();
    }

    @Test
    void plainKindsKeepTheDefaults() throws Exception {
        KindStrategy strategy = CustomKindStrategy.of(CustomKinds.of(json(
                CustomResourceTestBase.plainCrd("b.example.com", "notes", "Note", "Cluster"))));

        assertThat(strategy.namespaced()).isFalse();
        assertThat(strategy.separateStatus()).isFalse();
        assertThat(strategy.scale()).isEmpty();
        assertThat(strategy.selectableFields()).containsExactlyInAnyOrder("metadata.name", "metadata.namespace");
        assertThat(strategy.columns().columns()).extracting(ColumnDefinition::name).containsExactly("Name", "Age");
    }

    @Test
    void everyVersionIsStoredWhereTheCrdCleanupDeletes() throws Exception {
        String text = CustomResourceTestBase.widgetCrd("a.example.com", "Namespaced");
        CustomResourceDefinition crd = JSON.readValue(text, CustomResourceDefinition.class);
        String cleanupPath = CustomResourceCleanup.storageType(crd).storagePath();

        assertThat(widgets()).extracting(kind -> kind.type().storagePath()).containsOnly(cleanupPath);
        assertThat(cleanupPath).isEqualTo("/a.example.com/widgets/");
    }
}
