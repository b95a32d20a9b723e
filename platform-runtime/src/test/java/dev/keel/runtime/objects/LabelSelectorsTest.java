package dev.keel.runtime.objects;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LabelSelectorsTest {

    private static final Map<String, String> WEB = Map.of("app", "web", "tier", "front");

    static Stream<Arguments> selectors() {
        return Stream.of(
                Arguments.of("null selects nothing", null, false),
                Arguments.of("empty selects everything", new LabelSelector(), true),
                Arguments.of("matching label", labels(Map.of("app", "web")), true),
                Arguments.of("wrong value", labels(Map.of("app", "db")), false),
                Arguments.of("In", expression("tier", "In", "front", "back"), true),
                Arguments.of("In without the label", expression("zone", "In", "a"), false),
                Arguments.of("NotIn", expression("tier", "NotIn", "back"), true),
                Arguments.of("NotIn without the label", expression("zone", "NotIn", "a"), true),
                Arguments.of("Exists", expression("app", "Exists"), true),
                Arguments.of("DoesNotExist", expression("app", "DoesNotExist"), false),
                Arguments.of("labels and expressions must both hold", new LabelSelectorBuilder()
                        .withMatchLabels(Map.of("app", "web")).addNewMatchExpression().withKey("tier")
                        .withOperator("In").withValues("back").endMatchExpression().build(), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("selectors")
    void matchesAsKubernetes(String description, LabelSelector selector, boolean expected) {
        assertThat(LabelSelectors.matches(selector, WEB)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "map selector {0} -> {1}")
    @MethodSource("mapSelectors")
    void mapSelectorsNeedEveryPairAndSelectNothingWhenEmpty(Map<String, String> selector, boolean expected) {
        assertThat(LabelSelectors.matchesMap(selector, WEB)).isEqualTo(expected);
    }

    static Stream<Arguments> mapSelectors() {
        return Stream.of(
                Arguments.of(Map.of(), false),
                Arguments.of(Map.of("app", "web"), true),
                Arguments.of(Map.of("app", "web", "tier", "back"), false));
    }

    @org.junit.jupiter.api.Test
    void nullsReadAsKubernetesReadsThemAndNeverThrow() {
        java.util.Map<String, String> nullValue = new java.util.HashMap<>();
        nullValue.put("app", null);
        java.util.Map<String, String> emptyLabel = Map.of("app", "");
        assertThat(LabelSelectors.matchesMap(nullValue, emptyLabel)).as("null selects the empty value").isTrue();
        assertThat(LabelSelectors.matchesMap(nullValue, WEB)).isFalse();
        assertThat(LabelSelectors.matchesMap(nullValue, Map.of())).as("the key must be there").isFalse();
        assertThat(LabelSelectors.matchesMap(Map.of("app", ""), nullValue)).isTrue();
        assertThat(LabelSelectors.matches(labels(nullValue), emptyLabel)).isTrue();
        assertThat(LabelSelectors.matches(labels(nullValue), null)).isFalse();
        LabelSelector broken = new LabelSelectorBuilder().addNewMatchExpression().withKey("app").endMatchExpression().build();
        assertThat(LabelSelectors.matches(broken, WEB)).as("no operator selects nothing").isFalse();
        LabelSelector unknown = expression("app", "Near", "web");
        assertThat(LabelSelectors.matches(unknown, WEB)).as("an unknown operator selects nothing").isFalse();
        LabelSelector nullItem = new LabelSelector();
        nullItem.setMatchExpressions(new java.util.ArrayList<>(java.util.Collections.singletonList(null)));
        assertThat(LabelSelectors.matches(nullItem, WEB)).isFalse();
        assertThat(LabelSelectors.matches("n", "Gt", List.of("3"), Map.of("n", "4")))
                .as("Gt belongs to node selectors, not metav1.LabelSelector").isFalse();
        assertThat(LabelSelectors.matchesRequirement("n", "Gt", List.of("3"), Map.of("n", "4"))).isTrue();
        assertThat(LabelSelectors.matchesRequirement("n", "Lt", List.of("x"), Map.of("n", "4"))).isFalse();
    }

    private static LabelSelector labels(Map<String, String> labels) {
        return new LabelSelectorBuilder().withMatchLabels(labels).build();
    }

    private static LabelSelector expression(String key, String operator, String... values) {
        return new LabelSelectorBuilder().addNewMatchExpression().withKey(key).withOperator(operator)
                .withValues(values.length == 0 ? null : List.of(values)).endMatchExpression().build();
    }
}
