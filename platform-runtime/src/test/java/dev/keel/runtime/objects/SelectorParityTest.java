package dev.keel.runtime.objects;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * platform-api validates "selector matches the template labels" with its own copy of the label selector rule (it
 * cannot depend on platform-runtime): both must answer alike, nulls included.
 */
class SelectorParityTest {

    @Test
    void platformApiAndRuntimeAgree() {
        Map<String, String> nullValue = new HashMap<>();
        nullValue.put("a", null);
        List<Map<String, String>> labelSets = List.of(Map.of(), Map.of("a", "1"), Map.of("a", "2", "b", ""), nullValue);
        List<LabelSelector> selectors = new ArrayList<>();
        selectors.add(null);
        selectors.add(new LabelSelector());
        selectors.add(selector(Map.of("a", "1")));
        selectors.add(selector(nullValue));
        for (String operator : new String[] {"In", "NotIn", "Exists", "DoesNotExist", "Gt", null}) {
            selectors.add(expression("a", operator, List.of("1")));
            selectors.add(expression(null, operator, List.of("1")));
            selectors.add(expression("b", operator, List.of("")));
        }
        LabelSelector nullRequirement = new LabelSelector();
        nullRequirement.setMatchExpressions(new ArrayList<>(Collections.singletonList(null)));
        selectors.add(nullRequirement);

        for (LabelSelector selector : selectors) {
            for (Map<String, String> labels : labelSets) {
                assertThat(dev.keel.api.admission.validation.LabelSelectors.matches(selector, labels))
                        .as("%s on %s", selector, labels)
                        .isEqualTo(LabelSelectors.matches(selector, labels));
            }
        }
    }

    private static LabelSelector selector(Map<String, String> matchLabels) {
        LabelSelector selector = new LabelSelector();
        selector.setMatchLabels(matchLabels);
        return selector;
    }

    private static LabelSelector expression(String key, String operator, List<String> values) {
        LabelSelectorRequirement requirement = new LabelSelectorRequirement();
        requirement.setKey(key);
        requirement.setOperator(operator);
        requirement.setValues(values);
        LabelSelector selector = new LabelSelector();
        selector.setMatchExpressions(List.of(requirement));
        return selector;
    }
}
