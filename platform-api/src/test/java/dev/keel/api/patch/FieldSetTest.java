package dev.keel.api.patch;

import static dev.keel.api.patch.Json.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FieldSetTest {

    /** A fieldsV1 document as Kubernetes writes it. */
    private static final String FIELDS = """
            {"f:metadata": {"f:finalizers": {".": {}, "v:\\"example.com/a\\"": {}}, "f:labels": {"f:app": {}}},
             "f:spec": {"f:replicas": {}, "f:template": {"f:spec": {"f:containers": {
               "k:{\\"name\\":\\"web\\"}": {".": {}, "f:image": {}, "f:name": {},
                 "f:ports": {"k:{\\"containerPort\\":80,\\"protocol\\":\\"TCP\\"}": {".": {}, "f:containerPort": {}}}}}}}}}""";

    @Test
    void decodesAndEncodesFieldsV1() {
        FieldSet set = FieldSet.fromFieldsV1(node(FIELDS));

        assertThat(set.toFieldsV1()).isEqualTo(node(FIELDS));
        assertThat(members(set)).containsExactly(
                ".metadata.finalizers",
                ".metadata.finalizers[=\"example.com/a\"]",
                ".metadata.labels.app",
                ".spec.replicas",
                ".spec.template.spec.containers[name=\"web\"]",
                ".spec.template.spec.containers[name=\"web\"].image",
                ".spec.template.spec.containers[name=\"web\"].name",
                ".spec.template.spec.containers[name=\"web\"].ports[containerPort=80,protocol=\"TCP\"]",
                ".spec.template.spec.containers[name=\"web\"].ports[containerPort=80,protocol=\"TCP\"].containerPort");
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                arguments("not an object", "[]"),
                arguments("an unknown path element", "{\"x:spec\": {}}"),
                arguments("a member that is not an object", "{\"f:spec\": 1}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void rejectsMalformedFieldsV1(String name, String fields) {
        assertThatThrownBy(() -> FieldSet.fromFieldsV1(node(fields))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void combinesSets() {
        FieldSet a = set(List.of("f:spec", "f:replicas"), List.of("f:spec", "f:paused"), List.of("f:data", "f:x"));
        FieldSet b = set(List.of("f:spec", "f:replicas"), List.of("f:data", "f:y"));

        assertThat(members(a.union(b))).containsExactly(".data.x", ".data.y", ".spec.paused", ".spec.replicas");
        assertThat(members(a.minus(b))).containsExactly(".data.x", ".spec.paused");
        assertThat(members(a.intersect(b))).containsExactly(".spec.replicas");
        assertThat(a.minus(a).isEmpty()).isTrue();
        assertThat(a.minus(b).toFieldsV1()).as("no empty inner nodes").isEqualTo(node("{\"f:data\": {\"f:x\": {}}, \"f:spec\": {\"f:paused\": {}}}"));
        assertThat(a.union(b)).isEqualTo(b.union(a));
    }

    private static FieldSet set(List<String>... paths) {
        FieldSet set = FieldSet.empty();
        for (List<String> path : paths) {
            set.insert(path);
        }
        return set;
    }

    private static List<String> members(FieldSet set) {
        List<String> members = new ArrayList<>();
        set.forEachMember(path -> members.add(PathElements.describe(path)));
        return members;
    }
}
