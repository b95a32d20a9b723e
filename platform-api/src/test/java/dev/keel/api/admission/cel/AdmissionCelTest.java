package dev.keel.api.admission.cel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keel.api.admission.cel.AdmissionCel.Outcome;
import dev.keel.api.admission.cel.AdmissionCel.Result;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The admission CEL environment: variables from JSON, the Kubernetes list library, strings, limits. */
class AdmissionCelTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private static Outcome eval(String expression, String object) throws Exception {
        AdmissionCel.Expression compiled = AdmissionCel.get().compile(expression, Result.ANY, true);
        assertThat(compiled.error()).isNull();
        Map<String, Object> variables = AdmissionCel.variables(CelValues.of(json(object)), null,
                CelValues.of(json("{\"operation\":\"CREATE\",\"namespace\":\"ns\"}")),
                CelValues.of(json("{\"data\":{\"max\":\"3\"}}")), null, Map.of("two", 2L));
        return compiled.evaluate(variables, AdmissionCel.Budget.standard());
    }

    @Test
    void objectFieldsAreSelectableAsInKubernetes() throws Exception {
        String deployment = "{\"metadata\":{\"name\":\"web\",\"labels\":{\"app\":\"web\"}},\"spec\":{\"replicas\":5,"
                + "\"template\":{\"spec\":{\"containers\":[{\"name\":\"a\",\"image\":\"nginx\"}]}}}}";

        assertThat(eval("object.spec.replicas <= 5", deployment).value()).isEqualTo(true);
        assertThat(eval("object.spec.replicas <= int(params.data.max)", deployment).value()).isEqualTo(false);
        assertThat(eval("has(object.spec.paused)", deployment).value()).isEqualTo(false);
        assertThat(eval("object.spec.template.spec.containers.all(c, c.image.startsWith('nginx'))", deployment).value())
                .isEqualTo(true);
        assertThat(eval("oldObject == null && request.operation == 'CREATE'", deployment).value()).isEqualTo(true);
        assertThat(eval("variables.two * 2", deployment).value()).isEqualTo(4L);
        assertThat(eval("object.spec.replicas > 2.5", deployment).value()).isEqualTo(true);
        assertThat(eval("object.spec.replicas", deployment).value()).isEqualTo(5L);
        assertThat(eval("string(object.spec.replicas)", deployment).value()).isEqualTo("5");
        assertThat(eval("object.spec.replicas / 2", deployment).value()).isEqualTo(2L);
        assertThat(eval("1.5", deployment).value()).isEqualTo(1.5);
    }

    @Test
    void aMissingFieldIsAnEvaluationError() throws Exception {
        Outcome outcome = eval("object.spec.nothing > 1", "{\"spec\":{}}");

        assertThat(outcome.failed()).isTrue();
        assertThat(outcome.error()).startsWith("expression 'object.spec.nothing > 1' resulted in error: ");
    }

    @Test
    void kubernetesListFunctions() throws Exception {
        assertThat(eval("[1, 2, 3].isSorted() && ![2, 1].isSorted()", "{}").value()).isEqualTo(true);
        assertThat(eval("[1, 2, 3].sum()", "{}").value()).isEqualTo(6L);
        assertThat(eval("[3, 1, 2].min()", "{}").value()).isEqualTo(1L);
        assertThat(eval("[3, 1, 2].max()", "{}").value()).isEqualTo(3L);
        assertThat(eval("['a', 'b', 'a'].indexOf('a')", "{}").value()).isEqualTo(0L);
        assertThat(eval("['a', 'b', 'a'].lastIndexOf('a')", "{}").value()).isEqualTo(2L);
        assertThat(eval("[].min()", "{}").error()).contains("min called on empty list");
    }

    @Test
    void stringFunctions() throws Exception {
        assertThat(eval("'Hello'.lowerAscii() + 'x'.upperAscii()", "{}").value()).isEqualTo("helloX");
        assertThat(eval("'a,b,c'.split(',').size()", "{}").value()).isEqualTo(3L);
        assertThat(eval("['a', 'b'].join('-')", "{}").value()).isEqualTo("a-b");
        assertThat(eval("'abcabc'.indexOf('c') + 'abcabc'.lastIndexOf('c') + 'abcabc'.indexOf('a', 1)", "{}").value())
                .isEqualTo(10L);
        assertThat(eval("'web-1'.matches('^web-[0-9]+$')", "{}").value()).isEqualTo(true);
        assertThat(eval("math.greatest(1, 5, 3)", "{}").value()).isEqualTo(5L);
    }

    @Test
    void compileErrorsAreWordedAsKubernetes() {
        AdmissionCel.Expression syntax = AdmissionCel.get().compile("object.x in [1, 2, ", Result.BOOL, false);
        AdmissionCel.Expression type = AdmissionCel.get().compile("'text'", Result.BOOL, false);
        AdmissionCel.Expression noParams = AdmissionCel.get().compile("params.x == 1", Result.BOOL, false);
        AdmissionCel.Expression authorizer = AdmissionCel.get().compile("authorizer.path('/x').check('get').allowed()",
                Result.BOOL, false);

        assertThat(syntax.error()).startsWith("compilation failed: ERROR: <input>:1:");
        assertThat(type.error()).isEqualTo("must evaluate to bool");
        assertThat(noParams.error()).contains("undeclared reference to 'params'");
        assertThat(authorizer.error()).contains("undeclared reference to 'authorizer'");
        assertThat(AdmissionCel.get().compile("object.metadata.name", Result.STRING, false).compiled()).isTrue();
        assertThat(AdmissionCel.get().compile("1", Result.STRING, false).error()).isEqualTo("must evaluate to string");
    }

    @Test
    void theRuntimeBudgetStopsLongEvaluations() throws Exception {
        AdmissionCel.Expression loop = AdmissionCel.get().compile(
                "[1,2,3,4,5,6,7,8,9,10].all(a, [1,2,3,4,5,6,7,8,9,10].all(b, [1,2,3,4,5,6,7,8,9,10].all(c, a + b + c > 0)))",
                Result.BOOL, false);

        Outcome cheap = loop.evaluate(AdmissionCel.variables(null, null, null, null, null, null), AdmissionCel.Budget.standard());
        Outcome expensive = loop.evaluate(AdmissionCel.variables(null, null, null, null, null, null), new AdmissionCel.Budget(1000));

        assertThat(cheap.value()).isEqualTo(true);
        assertThat(expensive.error()).isEqualTo("operation cancelled: actual cost limit exceeded");
    }

    @Test
    void tooLongAnExpressionDoesNotCompile() {
        String expression = "true && ".repeat(AdmissionCel.MAX_EXPRESSION_LENGTH / 8 + 1) + "true";

        assertThat(AdmissionCel.get().compile(expression, Result.BOOL, false).error()).startsWith("compilation failed");
    }
}
