package dev.keel.api.admission.cel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchCondition;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The matchConditions seam webhooks and policies share: checks and Kubernetes' all-true / any-false rule. */
class MatchConditionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static MatchCondition condition(String name, String expression) {
        return new MatchCondition(expression, name);
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private static List<String> messages(List<StatusCause> causes) {
        return causes.stream().map(c -> c.getField() + ": " + c.getMessage()).toList();
    }

    @Test
    void checkNamesDuplicatesAndExpressions() {
        List<StatusCause> causes = MatchConditions.check(List.of(
                condition("ok", "request.namespace != 'kube-system'"),
                condition("ok", "true"),
                condition("bad name!", "true"),
                condition("", ""),
                condition("syntax", "object.x in [1, 2, "),
                condition("string", "'x'")), "webhooks[0].matchConditions");

        assertThat(messages(causes)).containsExactly(
                "webhooks[0].matchConditions[1].name: Duplicate value: \"ok\"",
                "webhooks[0].matchConditions[2].name: Invalid value: \"bad name!\": name part must consist of alphanumeric"
                        + " characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g."
                        + " 'MyName',  or 'my.name',  or '123-abc', regex used for validation is"
                        + " '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
                "webhooks[0].matchConditions[3].expression: Required value",
                "webhooks[0].matchConditions[3].name: Required value",
                messages(causes).get(4),
                "webhooks[0].matchConditions[5].expression: Invalid value: \"'x'\": must evaluate to bool");
        assertThat(messages(causes).get(4)).startsWith("webhooks[0].matchConditions[4].expression: Invalid value: "
                + "\"object.x in [1, 2,\": compilation failed: ERROR: <input>:1:");
    }

    @Test
    void atMost64Conditions() {
        List<MatchCondition> many = new ArrayList<>();
        for (int i = 0; i < 65; i++) {
            many.add(condition("c" + i, "true"));
        }

        assertThat(messages(MatchConditions.check(many, "spec.matchConditions")))
                .containsExactly("spec.matchConditions: Too many: 65: must have at most 64 items");
    }

    @Test
    void allTrueMatchesAnyFalseDoesNotErrorsAreReported() throws Exception {
        JsonNode pod = json("{\"metadata\":{\"name\":\"p\",\"namespace\":\"team\"}}");
        JsonNode request = json("{\"operation\":\"CREATE\",\"namespace\":\"team\"}");

        MatchConditions.Decision all = MatchConditions.compile(List.of(condition("a", "object.metadata.name == 'p'"),
                condition("b", "request.operation == 'CREATE'"))).evaluate(pod, null, request);
        MatchConditions.Decision oneFalse = MatchConditions.compile(List.of(condition("err", "object.nope == 1"),
                condition("no", "request.namespace == 'kube-system'"))).evaluate(pod, null, request);
        MatchConditions.Decision error = MatchConditions.compile(List.of(condition("err", "object.nope == 1"),
                condition("yes", "true"))).evaluate(pod, null, request);
        MatchConditions.Decision none = MatchConditions.compile(List.of()).evaluate(pod, null, request);

        assertThat(all).isEqualTo(MatchConditions.Decision.match());
        assertThat(oneFalse).isEqualTo(new MatchConditions.Decision(false, null));
        assertThat(error.matches()).isFalse();
        assertThat(error.error()).startsWith("expression 'object.nope == 1' resulted in error: ");
        assertThat(none.matches()).isTrue();
    }

    @Test
    void aDeleteHasNoObject() throws Exception {
        MatchConditions conditions = MatchConditions.compile(List.of(condition("deleting", "object == null && oldObject != null")));

        assertThat(conditions.evaluate(null, json("{\"metadata\":{\"name\":\"p\"}}"), json("{\"operation\":\"DELETE\"}")).matches())
                .isTrue();
    }
}
