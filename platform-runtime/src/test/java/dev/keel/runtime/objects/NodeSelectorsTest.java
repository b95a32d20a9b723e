package dev.keel.runtime.objects;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.NodeSelectorBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeSelectorsTest {

    private static final Map<String, String> NODE = Map.of("zone", "a", "cores", "8", "empty", "");

    @Test
    void termsAreOredAndTheirRequirementsAnded() {
        assertThat(NodeSelectors.matches(selector(term("zone", "In", "a"), term("zone", "In", "b")), "n1", NODE)).isTrue();
        assertThat(NodeSelectors.matches(selector(term("zone", "NotIn", "a")), "n1", NODE)).isFalse();
        assertThat(NodeSelectors.matches(selector(term("cores", "Gt", "4")), "n1", NODE)).isTrue();
        assertThat(NodeSelectors.matches(selector(term("cores", "Lt", "x")), "n1", NODE)).isFalse();
        NodeSelectorTerm byName = new NodeSelectorTerm();
        byName.setMatchFields(List.of(new NodeSelectorRequirement("metadata.name", "In", List.of("n1"))));
        assertThat(NodeSelectors.matches(byName, "n1", NODE)).isTrue();
        assertThat(NodeSelectors.matches(byName, "n2", NODE)).isFalse();
        assertThat(NodeSelectors.matches(new NodeSelectorTerm(), "n1", NODE)).as("no requirement").isFalse();
    }

    @Test
    void nullsNeverThrow() {
        assertThat(NodeSelectors.matches((NodeSelector) null, "n1", NODE)).isFalse();
        assertThat(NodeSelectors.matches((NodeSelectorTerm) null, "n1", NODE)).isFalse();
        assertThat(NodeSelectors.matches(selector(term("zone", null, "a")), "n1", NODE)).isFalse();
        NodeSelectorTerm nullItem = new NodeSelectorTerm();
        nullItem.setMatchExpressions(new ArrayList<>(Collections.singletonList(null)));
        assertThat(NodeSelectors.matches(nullItem, "n1", NODE)).isFalse();
        NodeSelector nullTerms = new NodeSelector();
        nullTerms.setNodeSelectorTerms(new ArrayList<>(Collections.singletonList(null)));
        assertThat(NodeSelectors.matches(nullTerms, "n1", null)).isFalse();
        Map<String, String> nullValue = new HashMap<>();
        nullValue.put("empty", null);
        assertThat(NodeSelectors.matchesNodeSelector(nullValue, NODE)).as("null reads as \"\"").isTrue();
        assertThat(NodeSelectors.matchesNodeSelector(nullValue, null)).isFalse();
        assertThat(NodeSelectors.matchesNodeSelector(null, null)).isTrue();
    }

    @Test
    void aPodFitsByItsNodeSelectorAndRequiredAffinityAndWithoutEitherEverywhere() {
        PodSpec none = new PodSpec();
        PodSpec bySelector = new PodSpecBuilder().withNodeSelector(Map.of("zone", "a")).build();
        PodSpec byAffinity = new PodSpecBuilder().withNewAffinity().withNewNodeAffinity()
                .withRequiredDuringSchedulingIgnoredDuringExecution(selector(term("zone", "In", "b")))
                .endNodeAffinity().endAffinity().build();
        PodSpec emptyAffinity = new PodSpecBuilder().withNewAffinity().withNewNodeAffinity().endNodeAffinity().endAffinity().build();
        PodSpec noTerms = new PodSpecBuilder().withNewAffinity().withNewNodeAffinity()
                .withRequiredDuringSchedulingIgnoredDuringExecution(new NodeSelector()).endNodeAffinity().endAffinity().build();

        assertThat(NodeSelectors.podFits(null, "n1", NODE)).isTrue();
        assertThat(NodeSelectors.podFits(none, "n1", null)).isTrue();
        assertThat(NodeSelectors.podFits(emptyAffinity, "n1", NODE)).as("affinity without a required selector").isTrue();
        assertThat(NodeSelectors.podFits(bySelector, "n1", NODE)).isTrue();
        assertThat(NodeSelectors.podFits(bySelector, "n1", Map.of("zone", "b"))).isFalse();
        assertThat(NodeSelectors.podFits(byAffinity, "n1", NODE)).isFalse();
        assertThat(NodeSelectors.podFits(byAffinity, "n1", Map.of("zone", "b"))).isTrue();
        assertThat(NodeSelectors.podFits(noTerms, "n1", NODE)).as("a required selector without terms").isFalse();
    }

    private static NodeSelector selector(NodeSelectorTerm... terms) {
        return new NodeSelectorBuilder().withNodeSelectorTerms(terms).build();
    }

    private static NodeSelectorTerm term(String key, String operator, String... values) {
        NodeSelectorTerm term = new NodeSelectorTerm();
        term.setMatchExpressions(List.of(new NodeSelectorRequirement(key, operator, List.of(values))));
        return term;
    }
}
