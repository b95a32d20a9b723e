package dev.keel.api.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.api.status.ApiException;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LabelSelectorTest {

    private static final Map<String, String> LABELS = Map.of("app", "web", "tier", "front", "example.com/team", "a");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "''|true",
        "app=web|true",
        "app==web|true",
        "app=db|false",
        "app!=db|true",
        "app!=web|false",
        "missing!=x|true",
        "app in (web,db)|true",
        "app in (db)|false",
        "app notin (db,cache)|true",
        "app notin (web)|false",
        "missing notin (x)|true",
        "tier|true",
        "missing|false",
        "!missing|true",
        "!app|false",
        "app=web,tier=front|true",
        "app=web,tier=back|false",
        "app in (web, db),!missing|true",
        "example.com/team=a|true",
    })
    void matches(String selector, boolean expected) {
        assertThat(LabelSelector.parse(selector).matches(LABELS)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"app in web", "app in (web", "=web", "app=we b", "bad key=x", "app=,", "app=-web"})
    void malformedSelectorsAreBadRequests(String selector) {
        assertThatThrownBy(() -> LabelSelector.parse(selector))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("unable to parse requirement");
                });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"app=web|app=web", "app  in  (a,b)|app in (a,b)", "!x|!x"})
    void printsTheCanonicalForm(String selector, String printed) {
        assertThat(LabelSelector.parse(selector)).hasToString(printed);
    }
}
