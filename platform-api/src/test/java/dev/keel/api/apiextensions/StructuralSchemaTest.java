package dev.keel.api.apiextensions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.keel.api.admission.FieldErrors;
import io.fabric8.kubernetes.api.model.StatusCause;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A CRD version's schema through the structural, keyword and default rules, with Kubernetes' paths and words. */
class StructuralSchemaTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String ROOT = "spec.versions[0].schema.openAPIV3Schema";

    private static List<String> errors(String yaml, boolean statusEnabled) throws Exception {
        JsonNode schema = YAML.readTree(yaml);
        FieldErrors errors = new FieldErrors();
        CustomResourceDefinitionValidation.schema(schema, ROOT, statusEnabled, errors);
        return errors.causes().stream().map(c -> c.getField() + ": " + c.getMessage()).toList();
    }

    private static List<String> errors(String yaml) throws Exception {
        return errors(yaml, false);
    }

    @Test
    void aTypicalOperatorSchemaIsStructural() throws Exception {
        assertThat(errors("""
                type: object
                properties:
                  metadata:
                    type: object
                    properties:
                      name: {type: string, maxLength: 20}
                  spec:
                    type: object
                    required: [port]
                    properties:
                      port:
                        x-kubernetes-int-or-string: true
                        anyOf: [{type: integer}, {type: string}]
                      template:
                        type: object
                        x-kubernetes-preserve-unknown-fields: true
                      mode:
                        type: string
                        enum: [a, b]
                        default: a
                      ports:
                        type: array
                        x-kubernetes-list-type: map
                        x-kubernetes-list-map-keys: [name]
                        items:
                          type: object
                          required: [name]
                          properties:
                            name: {type: string}
                            protocol: {type: string, default: TCP}
                      labels:
                        type: object
                        additionalProperties: {type: string}
                    oneOf:
                    - required: [port]
                    - properties:
                        mode: {enum: [a]}
                    x-kubernetes-validations:
                    - rule: self.port != 0
                      message: port must be set
                  status:
                    type: object
                    x-kubernetes-preserve-unknown-fields: true
                """, true)).isEmpty();
    }

    @Test
    void missingTypesAreReportedPerLevel() throws Exception {
        assertThat(errors("""
                properties:
                  spec:
                    properties:
                      list:
                        type: array
                        items: {properties: {a: {type: string}}}
                      bare:
                        type: array
                """)).containsExactlyInAnyOrder(
                ROOT + ".type: Required value: must not be empty at the root",
                ROOT + ".properties[spec].type: Required value: must not be empty for specified object fields",
                ROOT + ".properties[spec].properties[list].items.type: Required value: must not be empty for specified array items",
                ROOT + ".properties[spec].properties[bare].items: Required value: must be specified");
    }

    @Test
    void theRootIsAnObjectWithoutAdditionalPropertiesOrNullable() throws Exception {
        assertThat(errors("{type: string, nullable: true}")).contains(
                ROOT + ".type: Invalid value: \"string\": must be object at the root",
                ROOT + ".nullable: Forbidden: nullable cannot be true at the root");
        assertThat(errors("{type: object, additionalProperties: {type: string}}")).contains(
                ROOT + ".additionalProperties: Forbidden: must not be used at the root");
    }

    @Test
    void valueValidationsMayNotCarryTypesOrNameUndeclaredFields() throws Exception {
        assertThat(errors("""
                type: object
                properties:
                  spec:
                    type: object
                    properties:
                      a: {type: string}
                anyOf:
                - properties:
                    spec:
                      type: object
                      description: no
                      properties:
                        b: {pattern: "^x"}
                """)).containsExactlyInAnyOrder(
                ROOT + ".anyOf[0].properties[spec].type: Forbidden: must be empty to be structural",
                ROOT + ".anyOf[0].properties[spec].description: Forbidden: must be empty to be structural",
                ROOT + ".properties[spec].properties[b]: Required value: because it is defined in " + ROOT
                        + ".anyOf[0].properties[spec].properties[b]");
    }

    @Test
    void metadataAtTheRootMayOnlyRestrictNameAndGenerateName() throws Exception {
        assertThat(errors("""
                type: object
                properties:
                  metadata:
                    type: object
                    properties:
                      name: {type: string}
                      generateName: {type: string}
                """)).isEmpty();
        assertThat(errors("""
                type: object
                properties:
                  metadata: {type: string, description: meta}
                  kind: {type: integer}
                """)).containsExactlyInAnyOrder(
                ROOT + ".properties[kind].type: Invalid value: \"integer\": must be string",
                ROOT + ".properties[metadata].type: Invalid value: \"string\": must be object",
                ROOT + ".properties[metadata]: Forbidden: must not specify anything other than name and generateName, "
                        + "but metadata is implicitly specified");
    }

    @Test
    void keywordsKubernetesDoesNotSupportAreForbidden() throws Exception {
        assertThat(errors("""
                type: object
                properties:
                  a: {type: "null"}
                  b: {type: array, items: [{type: string}]}
                  c: {type: string, uniqueItems: true}
                  d: {type: object, dependencies: {x: [y]}}
                  e: {type: object, definitions: {x: {type: string}}}
                  f: {type: date}
                """)).contains(
                ROOT + ".properties[a].type: Forbidden: type cannot be set to null, use nullable as an alternative",
                ROOT + ".properties[a].type: Unsupported value: \"null\": supported values: \"array\", \"boolean\", \"integer\", "
                        + "\"number\", \"object\", \"string\"",
                ROOT + ".properties[b].items: Forbidden: items must be a schema object and not an array",
                ROOT + ".properties[c].uniqueItems: Forbidden: uniqueItems cannot be set to true since the runtime complexity becomes quadratic",
                ROOT + ".properties[d].dependencies: Forbidden: dependencies is not supported",
                ROOT + ".properties[e].definitions: Forbidden: definitions is not supported",
                ROOT + ".properties[f].type: Unsupported value: \"date\": supported values: \"array\", \"boolean\", \"integer\", "
                        + "\"number\", \"object\", \"string\"");
    }

    @Test
    void extensionsFollowKubernetesRules() throws Exception {
        assertThat(errors("""
                type: object
                properties:
                  a: {type: string, x-kubernetes-list-type: set}
                  b:
                    type: array
                    x-kubernetes-list-type: set
                    items: {type: object, properties: {x: {type: string}}}
                  c:
                    type: array
                    x-kubernetes-list-type: map
                    x-kubernetes-list-map-keys: [name, name, missing]
                    items: {type: object, properties: {name: {type: string}}}
                  d: {type: object, x-kubernetes-map-type: fine}
                  e: {x-kubernetes-int-or-string: true, x-kubernetes-preserve-unknown-fields: true}
                  f: {type: string, x-kubernetes-preserve-unknown-fields: false}
                  g: {type: string, pattern: "(["}
                """)).contains(
                ROOT + ".properties[a].type: Invalid value: \"string\": must be array if x-kubernetes-list-type is specified",
                ROOT + ".properties[b].items.x-kubernetes-map-type: Invalid value: must be atomic as item of a list with x-kubernetes-list-type=set",
                ROOT + ".properties[c].x-kubernetes-list-map-keys: Invalid value: must not contain duplicate entries",
                ROOT + ".properties[c].x-kubernetes-list-map-keys: Invalid value: entries must all be names of item properties",
                ROOT + ".properties[c].items.properties[name].default: Required value: this property is in "
                        + "x-kubernetes-list-map-keys, so it must have a default or be a required property",
                ROOT + ".properties[d].x-kubernetes-map-type: Unsupported value: \"fine\": supported values: \"atomic\", \"granular\"",
                ROOT + ".properties[e].x-kubernetes-preserve-unknown-fields: Invalid value: true: must be false if "
                        + "x-kubernetes-int-or-string is true",
                ROOT + ".properties[f].x-kubernetes-preserve-unknown-fields: Invalid value: false: must be true or undefined");
        assertThat(errors("{type: object, properties: {g: {type: string, pattern: \"([\"}}}"))
                .anyMatch(e -> e.startsWith(ROOT + ".properties[g].pattern: Invalid value: \"([\": must be a valid regular expression, but isn't"));
    }

    @Test
    void defaultsMustBePrunedAndOfTheirType() throws Exception {
        assertThat(errors("""
                type: object
                properties:
                  spec:
                    type: object
                    default: {size: 1, unknown: true}
                    properties:
                      size: {type: integer, default: "one"}
                  metadata:
                    type: object
                """)).containsExactlyInAnyOrder(
                ROOT + ".properties[spec].default: Invalid value: must not have unknown fields",
                ROOT + ".properties[spec].properties[size].default: Invalid value: \"one\": " + ROOT
                        + ".properties[spec].properties[size].default in body must be of type integer: \"string\"");
        assertThat(errors("{type: object, properties: {metadata: {type: object, default: {name: x}}}}")).containsExactly(
                ROOT + ".properties[metadata].default: Forbidden: must not be set in top-level metadata");
    }

    @Test
    void theStatusSubresourceLimitsTheRoot() throws Exception {
        assertThat(errors("{type: object, anyOf: [{required: [spec]}], properties: {spec: {type: object}}}", true))
                .anyMatch(e -> e.startsWith(ROOT + ": Invalid value: only [Description Type Format") && e.endsWith(
                        "fields are allowed at the root of the schema if the status subresource is enabled"));
    }

    @Test
    void staticRuleChecksComeWithTheSchema() throws Exception {
        assertThat(errors("""
                type: object
                x-kubernetes-validations:
                - rule: " "
                - rule: self.a
                  reason: Sometimes
                """)).containsExactly(
                ROOT + ".x-kubernetes-validations[0].rule: Required value: rule is not specified",
                ROOT + ".x-kubernetes-validations[1].reason: Unsupported value: \"Sometimes\": supported values: "
                        + "\"FieldValueDuplicate\", \"FieldValueForbidden\", \"FieldValueInvalid\", \"FieldValueRequired\"");
    }

    @Test
    void causesFromTheSchemaPackageKeepTheirWords() {
        FieldErrors errors = new FieldErrors();
        StatusCause cause = new StatusCause("x.rule", "Invalid value: \"self.a\": compilation failed", "FieldValueInvalid");
        StatusCause forbidden = new StatusCause("x.rule", "Forbidden: estimated rule cost exceeds budget", "FieldValueForbidden");

        CustomResourceDefinitionValidation.addAll(errors, List.of(cause, forbidden));

        assertThat(errors.causes()).extracting(StatusCause::getMessage).containsExactly(
                "Invalid value: \"self.a\": compilation failed", "Forbidden: estimated rule cost exceeds budget");
    }
}
