package dev.keel.api.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keel.api.registry.BuiltinStrategies;
import dev.keel.api.resource.BuiltinResources;
import dev.keel.api.resource.ResourceType;
import dev.keel.api.status.ApiException;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FieldSelectorTest {

    private static final Set<String> PODS = fieldsOf("pods");
    private static final Set<String> CONFIG_MAPS = fieldsOf("configmaps");

    /** The fields the built-in strategy of a core resource lets a selector name. */
    private static Set<String> fieldsOf(String resource) {
        ResourceType type = BuiltinResources.registry().find("", "v1", resource).orElseThrow();
        return BuiltinStrategies.of(type, Map.of()).selectableFields();
    }

    private static JsonNode pod(String json) throws Exception {
        return new ObjectMapper().readTree(json);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "metadata.name=p|true",
        "metadata.name==p|true",
        "metadata.name!=p|false",
        "metadata.namespace=ns|true",
        "spec.nodeName=n1|true",
        "spec.nodeName=|false",
        "status.phase=Running,spec.nodeName=n1|true",
        "status.phase!=Running|false",
    })
    void matchesPods(String selector, boolean expected) throws Exception {
        JsonNode pod = pod("{\"metadata\":{\"name\":\"p\",\"namespace\":\"ns\"},\"spec\":{\"nodeName\":\"n1\"},"
                + "\"status\":{\"phase\":\"Running\"}}");
        assertThat(FieldSelector.parse(selector, PODS).matches(pod)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"spec.nodeName=n1", "status.phase=Running", "data.x=y"})
    void fieldsAKindDoesNotSupportAreRefused(String selector) {
        assertThatThrownBy(() -> FieldSelector.parse(selector, CONFIG_MAPS))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage()).startsWith("field label not supported"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"metadata.name", "justtext"})
    void termsWithoutAnOperatorAreRefused(String selector) {
        assertThatThrownBy(() -> FieldSelector.parse(selector, PODS)).isInstanceOf(ApiException.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"metadata.name=p|p", "metadata.name!=p|", "status.phase=Running|"})
    void exposesAnExactNameForSingleKeyReads(String selector, String name) {
        assertThat(FieldSelector.parse(selector, PODS).exactName()).isEqualTo(name);
    }
}
