package dev.keel.api.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.resource.BuiltinResources;
import dev.keel.api.resource.ResourceRegistry;
import dev.keel.api.resource.ResourceType;
import dev.keel.api.table.DefaultColumns;
import dev.keel.api.table.PodColumns;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Lookup of strategies by type, the defaults, and strategies registered and removed while serving. */
class KindStrategiesTest {

    private static final ResourceRegistry BUILTIN = BuiltinResources.registry();
    private static final ResourceType PODS = BUILTIN.find("", "v1", "pods").orElseThrow();
    private static final ResourceType DEPLOYMENTS = BUILTIN.find("apps", "v1", "deployments").orElseThrow();
    private static final ResourceType CONFIG_MAPS = BUILTIN.find("", "v1", "configmaps").orElseThrow();

    private final KindStrategies strategies = new KindStrategies(BuiltinStrategies.of(BUILTIN, List.of(new PodColumns())));

    /** A kind as a CustomResourceDefinition would serve it, in two versions. */
    private static ResourceType widgets(String version, boolean namespaced, Set<String> subresources) {
        return new ResourceType("example.dev", version, "Widget", "widgets", "widget", namespaced, List.of("wd"), List.of(),
                subresources, GenericKubernetesResource.class, true);
    }

    @Test
    void builtInKindsAreFoundByTheirType() {
        KindStrategy pods = strategies.of(PODS);

        assertThat(pods.key()).isEqualTo("pods");
        assertThat(pods.kind()).isEqualTo("Pod");
        assertThat(pods.namespaced()).isTrue();
        assertThat(pods.columns()).isInstanceOf(PodColumns.class);
        assertThat(strategies.of(DEPLOYMENTS).key()).isEqualTo("deployments.apps");
        assertThat(strategies.registered("apps", "deployments")).isPresent();
    }

    @Test
    void aKindWithNothingSpecialGetsTheDefaultsOfItsType() {
        KindStrategy configMaps = strategies.of(CONFIG_MAPS);

        assertThat(configMaps.separateStatus()).isFalse();
        assertThat(configMaps.scale()).isEmpty();
        assertThat(configMaps.subresourceWrite("status")).isEmpty();
        assertThat(configMaps.columns()).isInstanceOf(DefaultColumns.class);
        assertThat(configMaps.selectableFields()).containsExactlyInAnyOrder("metadata.name", "metadata.namespace");
        assertThat(configMaps.generation()).isSameAs(GenerationRule.SPEC_CHANGES);
    }

    @Test
    void anUnregisteredTypeIsServedWithItsDefaults() {
        ResourceType v1 = widgets("v1", true, Set.of("status", "scale"));

        KindStrategy widgets = strategies.of(v1);

        assertThat(strategies.registered("example.dev", "widgets")).isEmpty();
        assertThat(widgets.key()).isEqualTo("widgets.example.dev");
        assertThat(widgets.namespaced()).isTrue();
        assertThat(widgets.separateStatus()).isTrue();
        assertThat(widgets.subresourceWrite("status")).contains(SubresourceWrite.STATUS);
        assertThat(widgets.scale()).contains(BuiltinScale.INSTANCE);
        // A type re-created with another scope is not served with the strategy of the old one.
        assertThat(strategies.of(widgets("v1", false, Set.of())).namespaced()).isFalse();
    }

    @Test
    void aStrategyRegisteredAtRuntimeServesEveryVersionUntilItIsRemoved() {
        ResourceType v1 = widgets("v1", true, Set.of("status"));
        ResourceType v2 = widgets("v2", true, Set.of("status"));
        KindStrategy custom = KindStrategy.builder(v1)
                .onCreate(object -> object.withObjectProperty("status").put("state", "New"))
                .selectableFields(Set.of("spec.color"))
                .generation((current, updated) -> !current.equals(updated))
                .build();

        strategies.register(custom);

        assertThat(strategies.of(v1)).isSameAs(custom);
        assertThat(strategies.of(v2)).isSameAs(custom);
        assertThat(strategies.of(v2).selectableFields()).contains("spec.color", "metadata.name");
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        strategies.of(v2).prepareForCreate(object);
        assertThat(object.path("status").path("state").asText()).isEqualTo("New");

        assertThat(strategies.remove("example.dev", "widgets")).isTrue();
        assertThat(strategies.of(v1)).isNotSameAs(custom);
        assertThat(strategies.of(v1).selectableFields()).doesNotContain("spec.color");
        assertThat(strategies.remove("example.dev", "widgets")).isFalse();
    }

    @Test
    void registeringAgainReplacesTheStrategy() {
        ResourceType v1 = widgets("v1", true, Set.of());
        KindStrategy first = KindStrategy.defaults(v1);
        KindStrategy second = KindStrategy.builder(v1).selectableFields(Set.of("spec.size")).build();

        strategies.register(first);
        strategies.register(second);

        assertThat(strategies.of(v1)).isSameAs(second);
    }
}
