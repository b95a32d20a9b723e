package dev.keel.api.apiextensions.schema;

import static dev.keel.api.apiextensions.schema.Schemas.object;
import static dev.keel.api.apiextensions.schema.Schemas.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class PruningAndDefaultingTest {

    private static final CustomResourceSchema SCHEMA = CustomResourceSchema.compile(yaml("""
            type: object
            properties:
              spec:
                type: object
                properties:
                  replicas: {type: integer, default: 1}
                  image: {type: string}
                  mode: {type: string, default: fast}
                  optional: {type: string, nullable: true, default: set}
                  plain: {type: string}
                  config:
                    type: object
                    x-kubernetes-preserve-unknown-fields: true
                    properties:
                      level: {type: integer, default: 3}
                  labels:
                    type: object
                    additionalProperties: {type: object, properties: {v: {type: string, default: x}}}
                  ports:
                    type: array
                    items:
                      type: object
                      properties:
                        port: {type: integer}
                        protocol: {type: string, default: TCP}
                  template:
                    type: object
                    x-kubernetes-embedded-resource: true
                    properties:
                      spec: {type: object, properties: {a: {type: string}}}
                  nested:
                    type: object
                    default: {}
                    properties:
                      inner: {type: string, default: deep}
              status:
                type: object
                properties:
                  ready: {type: boolean}
            """));

    private static ObjectNode pruned(String yaml) {
        ObjectNode o = object(yaml);
        SCHEMA.prune(o);
        return o;
    }

    private static ObjectNode defaulted(String yaml) {
        ObjectNode o = object(yaml);
        SCHEMA.applyDefaults(o);
        return o;
    }

    @Test
    void unknownFieldsAreDroppedAtEveryLevel() {
        ObjectNode o = pruned("""
                apiVersion: example.com/v1
                kind: Widget
                metadata: {name: w, labels: {a: b}, bogus: 1}
                extra: 1
                spec: {image: nginx, unknown: 2, ports: [{port: 80, junk: 1}]}
                status: {ready: true, other: x}
                """);
        assertThat(o.toString()).isEqualTo("{\"apiVersion\":\"example.com/v1\",\"kind\":\"Widget\","
                + "\"metadata\":{\"name\":\"w\",\"labels\":{\"a\":\"b\"}},"
                + "\"spec\":{\"image\":\"nginx\",\"ports\":[{\"port\":80}]},\"status\":{\"ready\":true}}");
    }

    @Test
    void preserveUnknownFieldsKeepsUnknownButPrunesDeclaredChildren() {
        ObjectNode o = pruned("spec: {config: {anything: {deep: 1}, level: 2}}");
        assertThat(o.at("/spec/config").toString()).isEqualTo("{\"anything\":{\"deep\":1},\"level\":2}");
    }

    @Test
    void additionalPropertiesValuesArePrunedByTheirSchema() {
        ObjectNode o = pruned("spec: {labels: {a: {v: y, junk: z}}}");
        assertThat(o.at("/spec/labels").toString()).isEqualTo("{\"a\":{\"v\":\"y\"}}");
    }

    @Test
    void embeddedResourcesKeepTypeAndObjectMeta() {
        ObjectNode o = pruned("""
                spec:
                  template:
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: p, notMeta: 1}
                    spec: {a: x, b: y}
                    other: 1
                """);
        assertThat(o.at("/spec/template").toString()).isEqualTo("{\"apiVersion\":\"v1\",\"kind\":\"Pod\","
                + "\"metadata\":{\"name\":\"p\"},\"spec\":{\"a\":\"x\"}}");
    }

    @Test
    void missingFieldsGetDefaults() {
        ObjectNode o = defaulted("spec: {image: nginx}");
        assertThat(o.at("/spec/replicas").asInt()).isEqualTo(1);
        assertThat(o.at("/spec/mode").asText()).isEqualTo("fast");
        assertThat(o.at("/spec/image").asText()).isEqualTo("nginx");
    }

    @Test
    void setFieldsKeepTheirValue() {
        assertThat(defaulted("spec: {replicas: 5}").at("/spec/replicas").asInt()).isEqualTo(5);
    }

    @Test
    void nullOfANonNullableFieldIsDefaulted() {
        assertThat(defaulted("spec: {mode: null}").at("/spec/mode").asText()).isEqualTo("fast");
    }

    @Test
    void nullOfANullableFieldStaysNull() {
        ObjectNode o = defaulted("spec: {optional: null}");
        assertThat(o.at("/spec/optional").isNull()).isTrue();
    }

    @Test
    void nullOfANonNullableFieldWithoutDefaultIsDropped() {
        ObjectNode o = defaulted("spec: {plain: null}");
        assertThat(o.path("spec").has("plain")).isFalse();
    }

    @Test
    void defaultsApplyInsideArrayItemsAndAdditionalProperties() {
        ObjectNode o = defaulted("spec: {ports: [{port: 80}, {port: 53, protocol: UDP}], labels: {a: {}}}");
        assertThat(o.at("/spec/ports/0/protocol").asText()).isEqualTo("TCP");
        assertThat(o.at("/spec/ports/1/protocol").asText()).isEqualTo("UDP");
        assertThat(o.at("/spec/labels/a/v").asText()).isEqualTo("x");
    }

    @Test
    void defaultsInsideADefaultedObjectAreAppliedToo() {
        ObjectNode o = defaulted("spec: {}");
        assertThat(o.at("/spec/nested/inner").asText()).isEqualTo("deep");
    }

    @Test
    void defaultsUnderPreserveUnknownFields() {
        assertThat(defaulted("spec: {config: {x: 1}}").at("/spec/config/level").asInt()).isEqualTo(3);
    }

    @Test
    void noDefaultsWhereTheParentIsAbsent() {
        ObjectNode o = defaulted("metadata: {name: w}");
        assertThat(o.has("spec")).isFalse();
    }

    @Test
    void defaultingIsIdempotent() {
        ObjectNode once = defaulted("spec: {ports: [{port: 1}]}");
        ObjectNode twice = once.deepCopy();
        SCHEMA.applyDefaults(twice);
        assertThat(twice).isEqualTo(once);
    }
}
