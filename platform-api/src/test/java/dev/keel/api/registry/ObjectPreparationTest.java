package dev.keel.api.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.resource.BuiltinResources;
import dev.keel.api.resource.ResourceRegistry;
import dev.keel.api.resource.ResourceType;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Strategies applied to writes: which half each endpoint writes, server-set fields, and the generation. */
class ObjectPreparationTest {

    private static final ResourceRegistry BUILTIN = BuiltinResources.registry();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ResourceType DEPLOYMENTS = BUILTIN.find("apps", "v1", "deployments").orElseThrow();
    private static final ResourceType CONFIG_MAPS = BUILTIN.find("", "v1", "configmaps").orElseThrow();

    private final KindStrategies strategies = new KindStrategies(BuiltinStrategies.of(BUILTIN, List.of()));
    private final ObjectPreparation preparation = new ObjectPreparation(
            Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC), strategies);

    private static ObjectNode json(String text) throws Exception {
        return (ObjectNode) JSON.readTree(text);
    }

    private static final String STORED = "{\"metadata\":{\"name\":\"web\",\"uid\":\"u1\",\"generation\":3,"
            + "\"creationTimestamp\":\"2026-01-01T00:00:00Z\"},\"spec\":{\"replicas\":1},\"status\":{\"replicas\":1}}";

    @Test
    void aCreateDropsTheClientsStatusWhenTheStatusIsSeparate() throws Exception {
        ObjectNode deployment = json("{\"metadata\":{\"name\":\"web\",\"generation\":7},\"status\":{\"replicas\":9}}");

        preparation.prepareForCreate(DEPLOYMENTS, deployment);

        assertThat(deployment.has("status")).isFalse();
        assertThat(deployment.path("metadata").path("generation").asInt()).isEqualTo(1);
        assertThat(deployment.path("metadata").path("creationTimestamp").asText()).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(deployment.path("metadata").path("uid").asText()).isNotEmpty();
    }

    @Test
    void aMainWriteKeepsTheStoredStatusAndServerMetadata() throws Exception {
        ObjectNode desired = json("{\"metadata\":{\"name\":\"web\",\"uid\":\"other\",\"generation\":99},"
                + "\"spec\":{\"replicas\":4},\"status\":{\"replicas\":8}}");

        ObjectNode prepared = preparation.prepareForUpdate(DEPLOYMENTS, null, desired, json(STORED));

        assertThat(prepared.path("spec").path("replicas").asInt()).isEqualTo(4);
        assertThat(prepared.path("status").path("replicas").asInt()).isEqualTo(1);
        assertThat(prepared.path("metadata").path("uid").asText()).isEqualTo("u1");
        assertThat(prepared.path("metadata").path("generation").asInt()).isEqualTo(3);
    }

    @Test
    void aStatusWriteKeepsTheStoredSpec() throws Exception {
        ObjectNode desired = json("{\"metadata\":{\"name\":\"web\",\"labels\":{\"a\":\"b\"}},"
                + "\"spec\":{\"replicas\":4},\"status\":{\"replicas\":8}}");

        ObjectNode prepared = preparation.prepareForUpdate(DEPLOYMENTS, "status", desired, json(STORED));

        assertThat(prepared.path("spec").path("replicas").asInt()).isEqualTo(1);
        assertThat(prepared.path("status").path("replicas").asInt()).isEqualTo(8);
        assertThat(prepared.path("metadata").has("labels")).isFalse();
    }

    @Test
    void aKindWithoutSeparateStatusWritesItWithTheMainResource() throws Exception {
        ObjectNode desired = json("{\"metadata\":{\"name\":\"c\"},\"data\":{\"k\":\"v\"},\"status\":{\"x\":1}}");

        ObjectNode prepared = preparation.prepareForUpdate(CONFIG_MAPS, null, desired, json("{\"metadata\":{\"name\":\"c\"}}"));

        assertThat(prepared.path("status").path("x").asInt()).isEqualTo(1);
    }

    @Test
    void theGenerationMovesAsTheKindsRuleSays() throws Exception {
        ObjectNode specChanged = json(STORED);
        specChanged.withObjectProperty("spec").put("replicas", 2);
        preparation.updateGeneration(DEPLOYMENTS, specChanged, json(STORED));
        assertThat(specChanged.path("metadata").path("generation").asInt()).isEqualTo(4);

        ObjectNode statusChanged = json(STORED);
        statusChanged.withObjectProperty("status").put("replicas", 2);
        preparation.updateGeneration(DEPLOYMENTS, statusChanged, json(STORED));
        assertThat(statusChanged.path("metadata").path("generation").asInt()).isEqualTo(3);

        // A kind registered at runtime with its own rule: here, every change outside metadata counts.
        ResourceType widgets = new ResourceType("example.dev", "v1", "Widget", "widgets", "widget", true, List.of(), List.of(),
                Set.of(), GenericKubernetesResource.class, true);
        strategies.register(KindStrategy.builder(widgets)
                .generation((current, updated) -> !current.path("data").equals(updated.path("data"))).build());
        ObjectNode widget = json("{\"metadata\":{\"generation\":1},\"data\":{\"size\":2}}");
        preparation.updateGeneration(widgets, widget, json("{\"metadata\":{\"generation\":1},\"data\":{\"size\":1}}"));
        assertThat(widget.path("metadata").path("generation").asInt()).isEqualTo(2);
    }
}
