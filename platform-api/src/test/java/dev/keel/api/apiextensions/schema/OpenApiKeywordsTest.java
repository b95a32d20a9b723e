package dev.keel.api.apiextensions.schema;

import static dev.keel.api.apiextensions.schema.Schemas.validate;
import static dev.keel.api.apiextensions.schema.Schemas.withSpec;
import static dev.keel.api.apiextensions.schema.Schemas.withSpecValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.StatusCause;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenApiKeywordsTest {

    private static List<String> check(String specSchema, String specValue) {
        return validate(withSpec(specSchema), withSpecValue(specValue));
    }

    private static final String REPLICAS = """
            type: object
            properties:
              replicas: {type: integer, minimum: 1, maximum: 10}
            """;

    @Test
    void aValidObjectHasNoCauses() {
        assertThat(check(REPLICAS, "replicas: 3")).isEmpty();
    }

    @Test
    void typeMismatchIsTypeInvalid() {
        List<StatusCause> causes = CustomResourceSchema.compile(withSpec(REPLICAS))
                .validate(withSpecValue("replicas: three"), null);
        assertThat(Schemas.lines(causes)).contains(
                "spec.replicas: Invalid value: \"string\": spec.replicas in body must be of type integer: \"string\"");
        assertThat(causes.get(0).getReason()).isEqualTo("FieldValueTypeInvalid");
    }

    @Test
    void maximumAndMinimum() {
        assertThat(check(REPLICAS, "replicas: 11")).containsExactly(
                "spec.replicas: Invalid value: 11: spec.replicas in body should be less than or equal to 10");
        assertThat(check(REPLICAS, "replicas: 0")).containsExactly(
                "spec.replicas: Invalid value: 0: spec.replicas in body should be greater than or equal to 1");
    }

    @Test
    void exclusiveBounds() {
        String schema = """
                type: object
                properties:
                  ratio: {type: number, minimum: 0, exclusiveMinimum: true, maximum: 1.5, exclusiveMaximum: true}
                """;
        assertThat(check(schema, "ratio: 0.5")).isEmpty();
        assertThat(check(schema, "ratio: 1.5")).containsExactly(
                "spec.ratio: Invalid value: 1.5: spec.ratio in body should be less than 1.5");
        assertThat(check(schema, "ratio: 0")).containsExactly(
                "spec.ratio: Invalid value: 0: spec.ratio in body should be greater than 0");
    }

    @Test
    void multipleOf() {
        String schema = "type: object\nproperties:\n  step: {type: number, multipleOf: 0.5}\n";
        assertThat(check(schema, "step: 2.5")).isEmpty();
        assertThat(check(schema, "step: 2.2")).containsExactly(
                "spec.step: Invalid value: 2.2: spec.step in body should be a multiple of 0.5");
    }

    @Test
    void integerAcceptsWholeFloatsButNotFractions() {
        assertThat(check(REPLICAS, "replicas: 2.0")).isEmpty();
        assertThat(check(REPLICAS, "replicas: 2.5")).containsExactly(
                "spec.replicas: Invalid value: \"number\": spec.replicas in body must be of type integer: \"number\"");
    }

    @Test
    void requiredFields() {
        String schema = """
                type: object
                required: [name]
                properties:
                  name: {type: string}
                """;
        assertThat(check(schema, "name: a")).isEmpty();
        assertThat(check(schema, "other: 1")).containsExactly("spec.name: Required value");
    }

    @Test
    void enumValues() {
        String schema = "type: object\nproperties:\n  stage: {type: string, enum: [a, b]}\n";
        assertThat(check(schema, "stage: a")).isEmpty();
        assertThat(check(schema, "stage: x")).containsExactly(
                "spec.stage: Unsupported value: \"x\": supported values: \"a\", \"b\"");
    }

    @Test
    void numericEnumValuesAreQuoted() {
        String schema = "type: object\nproperties:\n  size: {type: integer, enum: [1, 2]}\n";
        assertThat(check(schema, "size: 2")).isEmpty();
        assertThat(check(schema, "size: 3")).containsExactly(
                "spec.size: Unsupported value: 3: supported values: \"1\", \"2\"");
    }

    @Test
    void patternIsGoRegexpFoundAnywhere() {
        String schema = "type: object\nproperties:\n  id: {type: string, pattern: '[0-9]+$'}\n";
        assertThat(check(schema, "id: abc123")).isEmpty();
        assertThat(check(schema, "id: abc")).containsExactly(
                "spec.id: Invalid value: \"abc\": spec.id in body should match '[0-9]+$'");
    }

    @Test
    void lengthsCountCharactersNotBytes() {
        String schema = "type: object\nproperties:\n  s: {type: string, minLength: 2, maxLength: 3}\n";
        assertThat(check(schema, "s: ééé")).isEmpty();
        assertThat(check(schema, "s: a")).containsExactly(
                "spec.s: Invalid value: \"a\": spec.s in body should be at least 2 chars long");
        assertThat(check(schema, "s: abcd")).containsExactly("spec.s: Too long: may not be more than 3 bytes");
    }

    @Test
    void itemCounts() {
        String schema = "type: object\nproperties:\n  l: {type: array, minItems: 1, maxItems: 2, items: {type: string}}\n";
        assertThat(check(schema, "l: [a]")).isEmpty();
        assertThat(check(schema, "l: []")).containsExactly(
                "spec.l: Invalid value: 0: spec.l in body should have at least 1 items");
        assertThat(check(schema, "l: [a, b, c]")).containsExactly("spec.l: Too many: 3: must have at most 2 items");
    }

    @Test
    void itemsAreValidatedWithTheirIndex() {
        String schema = "type: object\nproperties:\n  l: {type: array, items: {type: string, maxLength: 1}}\n";
        assertThat(check(schema, "l: [a, bb]")).containsExactly("spec.l[1]: Too long: may not be more than 1 bytes");
    }

    @Test
    void propertyCounts() {
        String schema = """
                type: object
                properties:
                  m: {type: object, minProperties: 1, maxProperties: 2, additionalProperties: {type: string}}
                """;
        assertThat(check(schema, "m: {a: x}")).isEmpty();
        assertThat(check(schema, "m: {}")).containsExactly(
                "spec.m: Invalid value: 1: spec.m in body should have at least 1 properties");
        assertThat(check(schema, "m: {a: x, b: y, c: z}")).containsExactly(
                "spec.m: Too many: 3: must have at most 2 items");
    }

    @Test
    void additionalPropertiesSchemaAppliesToEveryValue() {
        String schema = "type: object\nproperties:\n  m: {type: object, additionalProperties: {type: integer}}\n";
        assertThat(check(schema, "m: {a: 1}")).isEmpty();
        assertThat(check(schema, "m: {a: x}")).containsExactly(
                "spec.m.a: Invalid value: \"string\": spec.m.a in body must be of type integer: \"string\"");
    }

    @Test
    void additionalPropertiesFalseForbidsExtraKeys() {
        String schema = "type: object\nproperties:\n  m: {type: object, additionalProperties: false}\n";
        assertThat(check(schema, "m: {a: 1}")).containsExactly(
                "spec.m: Invalid value: \"a\": spec.m.a in body is a forbidden property");
    }

    @Test
    void uniqueItems() {
        String schema = "type: object\nproperties:\n  l: {type: array, uniqueItems: true, items: {type: integer}}\n";
        assertThat(check(schema, "l: [1, 2]")).isEmpty();
        assertThat(check(schema, "l: [1, 1.0]")).containsExactly(
                "spec.l: Invalid value: \"\": spec.l in body shouldn't contain duplicates");
    }

    @Test
    void nullable() {
        String schema = """
                type: object
                properties:
                  maybe: {type: string, nullable: true}
                  never: {type: string}
                """;
        assertThat(check(schema, "maybe: null")).isEmpty();
        assertThat(check(schema, "never: null")).containsExactly(
                "spec.never: Invalid value: \"null\": spec.never in body must be of type string: \"null\"");
    }

    @Test
    void intOrString() {
        String schema = "type: object\nproperties:\n  port: {x-kubernetes-int-or-string: true}\n";
        assertThat(check(schema, "port: 80")).isEmpty();
        assertThat(check(schema, "port: http")).isEmpty();
        assertThat(check(schema, "port: true")).containsExactly(
                "spec.port: Invalid value: \"boolean\": spec.port in body must be of type integer,string: \"boolean\"");
    }

    @Test
    void booleanType() {
        String schema = "type: object\nproperties:\n  on: {type: boolean}\n";
        assertThat(check(schema, "\"on\": true")).isEmpty();
        assertThat(check(schema, "\"on\": 1")).containsExactly(
                "spec.on: Invalid value: \"integer\": spec.on in body must be of type boolean: \"integer\"");
    }

    @Test
    void objectAndArrayTypes() {
        String schema = "type: object\nproperties:\n  o: {type: object}\n  a: {type: array}\n";
        assertThat(check(schema, "o: []\na: {}")).containsExactly(
                "spec.o: Invalid value: \"array\": spec.o in body must be of type object: \"array\"",
                "spec.a: Invalid value: \"object\": spec.a in body must be of type array: \"object\"");
    }

    @Test
    void formats() {
        String schema = """
                type: object
                properties:
                  f: {type: string, format: %s}
                """;
        String[][] cases = {
            {"date", "2024-02-29", "2024-02-30"},
            {"date-time", "2024-01-02T03:04:05Z", "yesterday"},
            {"byte", "aGVsbG8=", "not base64!"},
            {"uuid", "123e4567-e89b-12d3-a456-426614174000", "123"},
            {"hostname", "example.com", "-bad-.com"},
            {"ipv4", "10.0.0.1", "10.0.0.256"},
            {"ipv6", "fe80::1", "fe80:::1:zz"},
            {"cidr", "10.0.0.0/8", "10.0.0.0/33"},
            {"email", "a@example.com", "not-an-email"},
            {"uri", "https://example.com/x", "::"},
            {"mac", "01:23:45:67:89:ab", "01:23"},
            {"duration", "1h30m", "forever"},
        };
        for (String[] c : cases) {
            JsonNode s = withSpec(schema.formatted(c[0]));
            assertThat(validate(s, withSpecValue("f: \"" + c[1] + "\""))).as(c[0] + " good").isEmpty();
            assertThat(validate(s, withSpecValue("f: \"" + c[2] + "\""))).as(c[0] + " bad").containsExactly(
                    "spec.f: Invalid value: \"" + c[2] + "\": spec.f in body must be of type " + c[0] + ": \""
                            + c[2] + "\"");
        }
    }

    @Test
    void unknownFormatsAreNotChecked() {
        assertThat(check("type: object\nproperties:\n  f: {type: string, format: password}\n", "f: anything")).isEmpty();
    }

    @Test
    void anyOfOneOfAllOfNot() {
        String anyOf = """
                type: object
                properties:
                  v: {x-kubernetes-int-or-string: true, anyOf: [{type: integer}, {type: string, pattern: '^[0-9]+%$'}]}
                """;
        assertThat(check(anyOf, "v: 3")).isEmpty();
        assertThat(check(anyOf, "v: \"50%\"")).isEmpty();
        assertThat(check(anyOf, "v: half")).contains("<nil>: Invalid value: \"\": \"spec.v\" must validate at least one "
                + "schema (anyOf)");

        String oneOf = "type: object\nproperties:\n  n: {type: integer, oneOf: [{minimum: 5}, {maximum: 10}]}\n";
        assertThat(check(oneOf, "n: 20")).isEmpty();
        assertThat(check(oneOf, "n: 7")).contains("<nil>: Invalid value: \"\": \"spec.n\" must validate one and only "
                + "one schema (oneOf). Found 2 valid alternatives");

        String allOf = "type: object\nproperties:\n  n: {type: integer, allOf: [{minimum: 5}, {maximum: 10}]}\n";
        assertThat(check(allOf, "n: 7")).isEmpty();
        assertThat(check(allOf, "n: 11")).contains(
                "spec.n: Invalid value: 11: spec.n in body should be less than or equal to 10",
                "<nil>: Invalid value: \"\": \"spec.n\" must validate all the schemas (allOf)");

        String not = "type: object\nproperties:\n  s: {type: string, not: {enum: [forbidden]}}\n";
        assertThat(check(not, "s: fine")).isEmpty();
        assertThat(check(not, "s: forbidden")).containsExactly(
                "<nil>: Invalid value: \"\": \"spec.s\" must not validate the schema (not)");
    }

    @Test
    void preserveUnknownFieldsValuesAreNotChecked() {
        String schema = "type: object\nx-kubernetes-preserve-unknown-fields: true\nproperties:\n  n: {type: integer}\n";
        assertThat(check(schema, "anything: {deep: [1, x]}\nn: 1")).isEmpty();
    }

    @Test
    void embeddedResourceNeedsApiVersionAndKind() {
        String schema = """
                type: object
                properties:
                  template:
                    type: object
                    x-kubernetes-embedded-resource: true
                    x-kubernetes-preserve-unknown-fields: true
                """;
        assertThat(check(schema, "template: {apiVersion: v1, kind: Pod, metadata: {name: p}}")).isEmpty();
        assertThat(check(schema, "template: {metadata: {name: p}}")).containsExactly(
                "spec.template.apiVersion: Required value: must not be empty",
                "spec.template.kind: Required value: must not be empty");
        assertThat(check(schema, "template: {apiVersion: a/b/c, kind: Pod_X, metadata: {name: Bad_Name}}"))
                .containsExactly(
                        "spec.template.apiVersion: Invalid value: \"a/b/c\": unexpected GroupVersion string: a/b/c",
                        "spec.template.kind: Invalid value: \"Pod_X\": may have mixed case, but should otherwise match: "
                                + "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start "
                                + "with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  "
                                + "or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
                        "spec.template.metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain must "
                                + "consist of lower case alphanumeric characters, '-' or '.', and must start and end "
                                + "with an alphanumeric character (e.g. 'example.com', regex used for validation is "
                                + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
    }

    @Test
    void listTypeSetRefusesRepeats() {
        String schema = """
                type: object
                properties:
                  tags: {type: array, x-kubernetes-list-type: set, items: {type: string}}
                """;
        assertThat(check(schema, "tags: [a, b]")).isEmpty();
        assertThat(check(schema, "tags: [a, b, a]")).containsExactly("spec.tags[2]: Duplicate value: \"a\"");
    }

    @Test
    void listTypeMapRefusesRepeatedKeys() {
        String schema = """
                type: object
                properties:
                  ports:
                    type: array
                    x-kubernetes-list-type: map
                    x-kubernetes-list-map-keys: [name, protocol]
                    items:
                      type: object
                      properties:
                        name: {type: string}
                        protocol: {type: string, default: TCP}
                        port: {type: integer}
                """;
        assertThat(check(schema, "ports: [{name: a, port: 1}, {name: a, protocol: UDP, port: 1}]")).isEmpty();
        assertThat(check(schema, "ports: [{name: a, port: 1}, {name: a, protocol: TCP, port: 2}]")).containsExactly(
                "spec.ports[1]: Duplicate value: map[string]interface {}{\"name\":\"a\", \"protocol\":\"TCP\"}");
    }

    @Test
    void atomicListsMayRepeat() {
        String schema = "type: object\nproperties:\n  l: {type: array, x-kubernetes-list-type: atomic, items: {type: string}}\n";
        assertThat(check(schema, "l: [a, a]")).isEmpty();
    }
}
