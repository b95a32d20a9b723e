package dev.keel.api.apiextensions.schema;

import static dev.keel.api.apiextensions.schema.Schemas.lines;
import static dev.keel.api.apiextensions.schema.Schemas.withSpec;
import static dev.keel.api.apiextensions.schema.Schemas.withSpecValue;
import static dev.keel.api.apiextensions.schema.Schemas.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.StatusCause;
import java.util.List;
import org.junit.jupiter.api.Test;

class CelRulesTest {

    private static final String PATH = "spec.validation.openAPIV3Schema";

    private static List<String> check(String specSchema, String specValue) {
        return lines(CustomResourceSchema.compile(withSpec(specSchema)).validate(withSpecValue(specValue), null));
    }

    private static List<String> update(String specSchema, String oldSpec, String newSpec) {
        return lines(CustomResourceSchema.compile(withSpec(specSchema))
                .validate(withSpecValue(newSpec), withSpecValue(oldSpec)));
    }

    private static List<String> checkRules(String specSchema) {
        return lines(CustomResourceSchema.checkRules(withSpec(specSchema), PATH));
    }

    private static final String SCALE = """
            type: object
            x-kubernetes-validations:
              - rule: self.minReplicas <= self.replicas && self.replicas <= self.maxReplicas
            properties:
              replicas: {type: integer}
              minReplicas: {type: integer}
              maxReplicas: {type: integer}
            """;

    @Test
    void selfIsTheValueTheRuleSitsOn() {
        assertThat(check(SCALE, "{replicas: 3, minReplicas: 1, maxReplicas: 5}")).isEmpty();
        assertThat(check(SCALE, "{replicas: 7, minReplicas: 1, maxReplicas: 5}")).containsExactly(
                "spec: Invalid value: \"object\": failed rule: self.minReplicas <= self.replicas && self.replicas <= "
                        + "self.maxReplicas");
    }

    @Test
    void rulesOnScalarsArrayItemsAndMapValues() {
        String schema = """
                type: object
                properties:
                  name: {type: string, x-kubernetes-validations: [{rule: "self.startsWith('a')", message: must start with a}]}
                  ports:
                    type: array
                    items: {type: integer, x-kubernetes-validations: [{rule: self > 0}]}
                  env:
                    type: object
                    additionalProperties: {type: string, x-kubernetes-validations: [{rule: self != ''}]}
                """;
        assertThat(check(schema, "{name: abc, ports: [1, 2], env: {A: x}}")).isEmpty();
        assertThat(check(schema, "{name: bcd, ports: [1, 0], env: {A: ''}}")).containsExactly(
                "spec.name: Invalid value: \"string\": must start with a",
                "spec.ports[1]: Invalid value: \"integer\": failed rule: self > 0",
                "spec.env[A]: Invalid value: \"string\": failed rule: self != ''");
    }

    @Test
    void numberFieldsAreDoublesEvenWhenWrittenAsIntegers() {
        String schema = "type: object\nproperties:\n  r: {type: number, x-kubernetes-validations: [{rule: self < 2.5}]}\n";
        assertThat(check(schema, "r: 2")).isEmpty();
        assertThat(check(schema, "r: 3")).hasSize(1);
    }

    @Test
    void intOrStringIsDynamic() {
        String schema = """
                type: object
                properties:
                  port:
                    x-kubernetes-int-or-string: true
                    x-kubernetes-validations: [{rule: "type(self) == int ? self > 0 : self.matches('^[a-z]+$')"}]
                """;
        assertThat(check(schema, "port: 80")).isEmpty();
        assertThat(check(schema, "port: http")).isEmpty();
        assertThat(check(schema, "port: HTTP")).hasSize(1);
    }

    @Test
    void nullValuesAreNotValidated() {
        String schema = """
                type: object
                properties:
                  s: {type: string, nullable: true, x-kubernetes-validations: [{rule: self.size() > 3}]}
                """;
        assertThat(check(schema, "s: null")).isEmpty();
    }

    @Test
    void messageExpressionWordsTheFailure() {
        String schema = """
                type: object
                properties:
                  replicas:
                    type: integer
                    x-kubernetes-validations:
                      - rule: self <= 10
                        message: too many
                        messageExpression: "'replicas ' + string(self) + ' is more than 10'"
                """;
        assertThat(check(schema, "replicas: 11")).containsExactly(
                "spec.replicas: Invalid value: \"integer\": replicas 11 is more than 10");
    }

    @Test
    void messageExpressionThatFailsFallsBackToMessage() {
        String schema = """
                type: object
                properties:
                  m:
                    type: object
                    additionalProperties: {type: string}
                    x-kubernetes-validations:
                      - {rule: "has(self.a)", message: needs a, messageExpression: "self.missing"}
                """;
        assertThat(check(schema, "m: {b: x}")).containsExactly("spec.m: Invalid value: \"object\": needs a");
    }

    @Test
    void reasonAndFieldPath() {
        String schema = """
                type: object
                x-kubernetes-validations:
                  - {rule: "has(self.name)", reason: FieldValueRequired, fieldPath: .name, message: name is required}
                  - {rule: "!has(self.secret)", reason: FieldValueForbidden, fieldPath: ".secret", message: not here}
                properties:
                  name: {type: string}
                  secret: {type: string}
                """;
        assertThat(check(schema, "secret: x")).containsExactly(
                "spec.name: Required value: name is required",
                "spec.secret: Forbidden: not here");
    }

    @Test
    void transitionRulesRunOnlyOnUpdate() {
        String schema = """
                type: object
                properties:
                  size:
                    type: integer
                    x-kubernetes-validations: [{rule: self >= oldSelf, message: size may not shrink}]
                """;
        assertThat(check(schema, "size: 1")).isEmpty();
        assertThat(update(schema, "size: 5", "size: 6")).isEmpty();
        assertThat(update(schema, "size: 5", "size: 4")).containsExactly(
                "spec.size: Invalid value: \"integer\": size may not shrink");
    }

    @Test
    void immutableFieldWithTransitionRule() {
        String schema = """
                type: object
                properties:
                  id: {type: string, x-kubernetes-validations: [{rule: self == oldSelf, message: id is immutable}]}
                """;
        assertThat(update(schema, "id: a", "id: a")).isEmpty();
        assertThat(update(schema, "id: a", "id: b")).containsExactly("spec.id: Invalid value: \"string\": id is immutable");
        assertThat(update(schema, "{}", "id: b")).as("no old value, rule not run").isEmpty();
    }

    @Test
    void transitionRulesFollowMapListKeys() {
        String schema = """
                type: object
                properties:
                  items:
                    type: array
                    x-kubernetes-list-type: map
                    x-kubernetes-list-map-keys: [name]
                    items:
                      type: object
                      x-kubernetes-validations: [{rule: self.v >= oldSelf.v}]
                      properties: {name: {type: string}, v: {type: integer}}
                """;
        assertThat(update(schema, "items: [{name: a, v: 1}, {name: b, v: 5}]",
                "items: [{name: b, v: 6}, {name: a, v: 1}, {name: c, v: 0}]")).isEmpty();
        assertThat(update(schema, "items: [{name: a, v: 1}, {name: b, v: 5}]", "items: [{name: b, v: 4}]"))
                .containsExactly("spec.items[0]: Invalid value: \"object\": failed rule: self.v >= oldSelf.v");
    }

    @Test
    void optionalOldSelfRunsOnCreateToo() {
        String schema = """
                type: object
                properties:
                  v:
                    type: integer
                    x-kubernetes-validations:
                      - {rule: "oldSelf.hasValue() ? self >= oldSelf.value() : self < 100", optionalOldSelf: true}
                """;
        assertThat(check(schema, "v: 5")).isEmpty();
        assertThat(check(schema, "v: 500")).hasSize(1);
        assertThat(update(schema, "v: 500", "v: 600")).isEmpty();
        assertThat(update(schema, "v: 500", "v: 400")).hasSize(1);
    }

    @Test
    void missingFieldIsAnEvaluationError() {
        assertThat(check(SCALE, "{replicas: 3}")).containsExactly(
                "spec: Invalid value: \"object\": no such key: minReplicas evaluating rule: self.minReplicas <= "
                        + "self.replicas && self.replicas <= self.maxReplicas");
    }

    @Test
    void rulesAreSkippedWhenTheObjectHasTheWrongTypes() {
        List<String> causes = check(SCALE, "{replicas: x, minReplicas: 1, maxReplicas: 5}");
        assertThat(causes).contains("<nil>: Invalid value: null: some validation rules were not checked because the "
                + "object was invalid; correct the existing errors to complete validation");
    }

    @Test
    void kubernetesListAndStringLibraries() {
        String schema = """
                type: object
                properties:
                  nums:
                    type: array
                    items: {type: integer}
                    x-kubernetes-validations:
                      - rule: self.isSorted() && self.sum() == 6 && self.min() == 1 && self.max() == 3 && self.indexOf(2) == 1
                  text:
                    type: string
                    x-kubernetes-validations:
                      - rule: self.find('[0-9]+') == '42' && self.findAll('[a-z]').size() == 3 && self.upperAscii() == 'ABC42'
                      - rule: self.split('4')[0] == 'abc' && self.lowerAscii().contains('bc')
                """;
        assertThat(check(schema, "{nums: [1, 2, 3], text: abc42}")).isEmpty();
        assertThat(check(schema, "{nums: [3, 2, 1], text: abc42}")).hasSize(1);
    }

    @Test
    void compileErrorsAreRefusedByCheckRules() {
        String schema = """
                type: object
                properties:
                  n: {type: integer, x-kubernetes-validations: [{rule: "self >"}, {rule: "self + 1"}, {rule: "nope == 1"}]}
                """;
        List<String> causes = checkRules(schema);
        assertThat(causes).hasSize(3);
        assertThat(causes.get(0)).startsWith(PATH + ".properties[spec].properties[n].x-kubernetes-validations[0].rule: "
                + "Invalid value: \"self >\": compilation failed: ERROR: <input>:1:7: ");
        assertThat(causes.get(1)).isEqualTo(PATH + ".properties[spec].properties[n].x-kubernetes-validations[1].rule: "
                + "Invalid value: \"self + 1\": compilation failed: cel expression must evaluate to a bool");
        assertThat(causes.get(2)).contains("undeclared reference to 'nope'");
    }

    @Test
    void badReasonFieldPathAndMessageExpressionAreRefused() {
        String schema = """
                type: object
                x-kubernetes-validations:
                  - {rule: "true", reason: Whatever}
                  - {rule: "true", fieldPath: .nothing}
                  - {rule: "true", messageExpression: "1 + 1"}
                properties:
                  a: {type: string}
                """;
        String rules = PATH + ".properties[spec].x-kubernetes-validations";
        assertThat(checkRules(schema)).containsExactly(
                rules + "[0].reason: Unsupported value: \"Whatever\": supported values: \"FieldValueDuplicate\", "
                        + "\"FieldValueForbidden\", \"FieldValueInvalid\", \"FieldValueRequired\"",
                rules + "[1].fieldPath: Invalid value: \".nothing\": fieldPath must be a valid path",
                rules + "[2].messageExpression: Invalid value: \"1 + 1\": must evaluate to a string");
    }

    @Test
    void oldSelfBelowAnAtomicListIsRefused() {
        String schema = """
                type: object
                properties:
                  l:
                    type: array
                    maxItems: 10
                    items: {type: string, maxLength: 10, x-kubernetes-validations: [{rule: self == oldSelf}]}
                """;
        assertThat(checkRules(schema)).containsExactly(PATH + ".properties[spec].properties[l].items"
                + ".x-kubernetes-validations[0].rule: Invalid value: \"self == oldSelf\": oldSelf cannot be used on the "
                + "uncorrelatable portion of the schema within " + PATH + ".properties[spec].properties[l]");
    }

    @Test
    void tooExpensiveRuleIsRefusedByCheckRules() {
        String unbounded = """
                type: object
                properties:
                  l:
                    type: array
                    items: {type: string}
                    x-kubernetes-validations: [{rule: "self.all(x, self.all(y, x == y || x != y))"}]
                """;
        List<StatusCause> causes = CustomResourceSchema.checkRules(withSpec(unbounded), PATH);
        assertThat(lines(causes)).contains(PATH + ".properties[spec].properties[l].x-kubernetes-validations[0].rule: "
                + "Forbidden: estimated rule cost exceeds budget by factor of more than 100x (try simplifying the rule, "
                + "or adding maxItems, maxProperties, and maxLength where arrays, maps, and strings are declared)");
        assertThat(causes.get(0).getReason()).isEqualTo("FieldValueForbidden");
    }

    @Test
    void boundedSizesMakeTheSameRuleAffordable() {
        String bounded = """
                type: object
                properties:
                  l:
                    type: array
                    maxItems: 20
                    items: {type: string, maxLength: 64}
                    x-kubernetes-validations: [{rule: "self.all(x, self.all(y, x == y || x != y))"}]
                """;
        assertThat(checkRules(bounded)).isEmpty();
    }

    @Test
    void cheapRulesRunManyTimesExceedTheSchemaTotal() {
        String schema = """
                type: object
                properties:
                  l:
                    type: array
                    items:
                      type: array
                      items: {type: string, x-kubernetes-validations: [{rule: "self.contains('x') && self.size() < 1000"}]}
                """;
        assertThat(checkRules(schema)).anyMatch(line -> line.startsWith(PATH + ": Forbidden: x-kubernetes-validations "
                + "estimated rule & messageExpression cost total for entire OpenAPIv3 schema exceeds budget by factor of"));
    }

    @Test
    void runtimeCostLimitStopsAnExpensiveEvaluation() {
        JsonNode schema = withSpec("""
                type: object
                properties:
                  l:
                    type: array
                    items: {type: integer}
                    x-kubernetes-validations: [{rule: "self.all(x, self.all(y, x <= y || x > y))"}]
                  n: {type: integer, x-kubernetes-validations: [{rule: "self > 100"}]}
                """);
        CelLimits small = new CelLimits(Long.MAX_VALUE, Long.MAX_VALUE, 500, 100_000);
        CustomResourceSchema compiled = CustomResourceSchema.compile(schema, small);
        assertThat(lines(compiled.validate(withSpecValue("l: [1, 2, 3]\nn: 500"), null))).isEmpty();
        String many = "l: [" + String.join(", ", java.util.Collections.nCopies(50, "1")) + "]\nn: 1";
        assertThat(lines(compiled.validate(withSpecValue(many), null))).containsExactly(
                "spec.l: Invalid value: \"array\": 'operation cancelled: actual cost limit exceeded': no further "
                        + "validation rules will be run due to call cost exceeds limit for rule: "
                        + "self.all(x, self.all(y, x <= y || x > y))");
    }

    @Test
    void runtimeBudgetIsSharedByAllRulesOfAnObject() {
        JsonNode schema = withSpec("""
                type: object
                properties:
                  l:
                    type: array
                    items: {type: integer, x-kubernetes-validations: [{rule: "self >= 0 && self < 1000"}]}
                """);
        CustomResourceSchema compiled = CustomResourceSchema.compile(schema, new CelLimits(Long.MAX_VALUE,
                Long.MAX_VALUE, 1_000, 50));
        String many = "l: [" + String.join(", ", java.util.Collections.nCopies(20, "1")) + "]";
        assertThat(lines(compiled.validate(withSpecValue(many), null))).singleElement().asString()
                .endsWith("validation failed due to running out of cost budget, no further validation rules will be run");
    }

    @Test
    void rootLevelRulesSeeTheWholeObject() {
        JsonNode schema = yaml("""
                type: object
                x-kubernetes-validations: [{rule: "self.metadata.name.startsWith('w') && self.spec.a == 1"}]
                properties:
                  spec: {type: object, properties: {a: {type: integer}}}
                """);
        assertThat(lines(CustomResourceSchema.compile(schema).validate(withSpecValue("a: 1"), null))).isEmpty();
        assertThat(lines(CustomResourceSchema.compile(schema).validate(withSpecValue("a: 2"), null))).hasSize(1);
    }

    @Test
    void formattedStringsAreTimestampsDurationsAndBytes() {
        String schema = """
                type: object
                properties:
                  at:
                    type: string
                    format: date-time
                    x-kubernetes-validations: [{rule: "self > timestamp('2020-01-01T00:00:00Z')"}]
                  every:
                    type: string
                    format: duration
                    x-kubernetes-validations: [{rule: "self >= duration('1m') && self < duration('2h')"}]
                  data:
                    type: string
                    format: byte
                    x-kubernetes-validations: [{rule: "self == b'hello'"}]
                """;
        assertThat(check(schema, "{at: '2024-05-01T10:00:00Z', every: 1h30m, data: aGVsbG8=}")).isEmpty();
        assertThat(check(schema, "{at: '2019-05-01T10:00:00Z', every: 30s, data: aGVsbG9v}")).hasSize(3);
    }

    @Test
    void rootRulesSeeOnlyNameAndGenerateNameOfMetadata() {
        JsonNode schema = yaml("""
                type: object
                x-kubernetes-validations: [{rule: "!has(self.metadata.labels) && self.metadata.name == 'w'"}]
                """);
        com.fasterxml.jackson.databind.node.ObjectNode object = withSpecValue("{}");
        ((com.fasterxml.jackson.databind.node.ObjectNode) object.get("metadata")).putObject("labels").put("a", "b");
        assertThat(lines(CustomResourceSchema.compile(schema).validate(object, null))).isEmpty();
    }

    @Test
    void tooExpensiveMessageExpressionIsRefused() {
        String schema = """
                type: object
                properties:
                  l:
                    type: array
                    maxItems: 5
                    items: {type: string}
                    x-kubernetes-validations:
                      - {rule: self.size() < 5, messageExpression: "self.map(x, self.map(y, x + y).join(',')).join(',')"}
                """;
        assertThat(checkRules(schema)).anyMatch(line -> line.startsWith(PATH + ".properties[spec].properties[l]"
                + ".x-kubernetes-validations[0].messageExpression: Forbidden: estimated messageExpression cost exceeds "
                + "budget by factor of "));
    }
}
