package dev.keel.api.patch;

import static dev.keel.api.patch.Json.node;
import static dev.keel.api.patch.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.resource.ResourceType;
import dev.keel.api.status.ApiException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsonPatchTest {

    private static final String DOC = """
            {"metadata": {"name": "web", "labels": {"app": "web", "a/b": "slash", "m~n": "tilde"}},
             "spec": {"replicas": 2, "list": ["x", "y", "z"], "nested": {"k": "v"}}}""";

    private final ObjectPatcher patcher = new DefaultObjectPatcher();
    private final ResourceType configMaps = Json.type("", "configmaps");

    static Stream<Arguments> operations() {
        return Stream.of(
                arguments("add a new key", "[{op: add, path: /spec/paused, value: true}]",
                        "{spec: {replicas: 2, list: [x, y, z], nested: {k: v}, paused: true}}"),
                arguments("add replaces an existing key", "[{op: add, path: /spec/replicas, value: 5}]",
                        "{spec: {replicas: 5, list: [x, y, z], nested: {k: v}}}"),
                arguments("add inserts at an index", "[{op: add, path: /spec/list/1, value: new}]",
                        "{spec: {replicas: 2, list: [x, new, y, z], nested: {k: v}}}"),
                arguments("add at the list length appends", "[{op: add, path: /spec/list/3, value: new}]",
                        "{spec: {replicas: 2, list: [x, y, z, new], nested: {k: v}}}"),
                arguments("add with - appends", "[{op: add, path: /spec/list/-, value: new}]",
                        "{spec: {replicas: 2, list: [x, y, z, new], nested: {k: v}}}"),
                arguments("add an object value", "[{op: add, path: /spec/nested/obj, value: {a: [1]}}]",
                        "{spec: {replicas: 2, list: [x, y, z], nested: {k: v, obj: {a: [1]}}}}"),
                arguments("remove a key", "[{op: remove, path: /spec/nested}]",
                        "{spec: {replicas: 2, list: [x, y, z]}}"),
                arguments("remove a list item", "[{op: remove, path: /spec/list/0}]",
                        "{spec: {replicas: 2, list: [y, z], nested: {k: v}}}"),
                arguments("replace a value", "[{op: replace, path: /spec/replicas, value: 3}]",
                        "{spec: {replicas: 3, list: [x, y, z], nested: {k: v}}}"),
                arguments("replace a list item", "[{op: replace, path: /spec/list/2, value: Z}]",
                        "{spec: {replicas: 2, list: [x, y, Z], nested: {k: v}}}"),
                arguments("move a key", "[{op: move, from: /spec/nested/k, path: /spec/moved}]",
                        "{spec: {replicas: 2, list: [x, y, z], nested: {}, moved: v}}"),
                arguments("move within a list", "[{op: move, from: /spec/list/0, path: /spec/list/-}]",
                        "{spec: {replicas: 2, list: [y, z, x], nested: {k: v}}}"),
                arguments("move onto itself changes nothing", "[{op: move, from: /spec/nested, path: /spec/nested}]",
                        "{spec: {replicas: 2, list: [x, y, z], nested: {k: v}}}"),
                arguments("copy a subtree", "[{op: copy, from: /spec/nested, path: /spec/copied}]",
                        "{spec: {replicas: 2, list: [x, y, z], nested: {k: v}, copied: {k: v}}}"),
                arguments("a passing test changes nothing", "[{op: test, path: /spec/list, value: [x, y, z]}]",
                        "{spec: {replicas: 2, list: [x, y, z], nested: {k: v}}}"),
                arguments("test compares numbers by value", "[{op: test, path: /spec/replicas, value: 2.0}]",
                        "{spec: {replicas: 2, list: [x, y, z], nested: {k: v}}}"),
                arguments("operations apply in order",
                        "[{op: test, path: /spec/replicas, value: 2}, {op: replace, path: /spec/replicas, value: 4},"
                                + " {op: test, path: /spec/replicas, value: 4}]",
                        "{spec: {replicas: 4, list: [x, y, z], nested: {k: v}}}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void appliesOperation(String name, String patch, String expectedSpec) {
        ObjectNode current = obj(DOC);
        ObjectNode result = patcher.apply(PatchType.JSON_PATCH, current, node(patch), configMaps);

        assertThat(result.get("spec")).isEqualTo(node(expectedSpec).get("spec"));
        assertThat(current).as("the stored object is not modified").isEqualTo(obj(DOC));
    }

    static Stream<Arguments> escapedPointers() {
        return Stream.of(
                arguments("~1 stands for /", "[{op: replace, path: /metadata/labels/a~1b, value: changed}]", "a/b"),
                arguments("~0 stands for ~", "[{op: replace, path: /metadata/labels/m~0n, value: changed}]", "m~n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("escapedPointers")
    void unescapesPointers(String name, String patch, String label) {
        ObjectNode result = patcher.apply(PatchType.JSON_PATCH, obj(DOC), node(patch), configMaps);

        assertThat(result.at("/metadata/labels").get(label).asText()).isEqualTo("changed");
    }

    @Test
    void replacesTheWholeDocumentAtTheRoot() {
        ObjectNode result = patcher.apply(PatchType.JSON_PATCH, obj(DOC), node("[{op: replace, path: '', value: {a: 1}}]"),
                configMaps);

        assertThat(result).isEqualTo(obj("{a: 1}"));
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                arguments("not a list", "{op: add}", 400, "must be a JSON list"),
                arguments("operation not an object", "[add]", 400, "is not an object"),
                arguments("no op", "[{path: /a}]", 400, "has no \"op\""),
                arguments("unknown op", "[{op: merge, path: /a, value: 1}]", 400, "unknown op \"merge\""),
                arguments("no path", "[{op: remove}]", 400, "has no \"path\""),
                arguments("no value", "[{op: add, path: /a}]", 400, "has no \"value\""),
                arguments("no from", "[{op: copy, path: /a}]", 400, "has no \"from\""),
                arguments("pointer without slash", "[{op: remove, path: spec}]", 400, "must be empty or start with /"),
                arguments("bad escape", "[{op: remove, path: /spec/a~2}]", 400, "~ not followed by 0 or 1"),
                arguments("remove a missing key", "[{op: remove, path: /spec/missing}]", 422, "no \"missing\" to remove"),
                arguments("replace a missing key", "[{op: replace, path: /spec/missing, value: 1}]", 422,
                        "no \"missing\" to replace"),
                arguments("add below a missing path", "[{op: add, path: /spec/missing/deeper, value: 1}]", 422,
                        "parent of \"/spec/missing/deeper\" does not exist"),
                arguments("add past the end", "[{op: add, path: /spec/list/4, value: 1}]", 422, "out of range"),
                arguments("remove past the end", "[{op: remove, path: /spec/list/3}]", 422, "out of range"),
                arguments("index with a leading zero", "[{op: replace, path: /spec/list/01, value: 1}]", 422, "out of range"),
                arguments("remove - ", "[{op: remove, path: /spec/list/-}]", 422, "out of range"),
                arguments("failed test", "[{op: test, path: /spec/replicas, value: 3}]", 422,
                        "testing value /spec/replicas failed"),
                arguments("test of a missing path", "[{op: test, path: /spec/missing, value: 3}]", 422,
                        "testing value /spec/missing failed"),
                arguments("move from a missing path", "[{op: move, from: /spec/missing, path: /spec/a}]", 422,
                        "no \"missing\" to remove"),
                arguments("copy from a missing path", "[{op: copy, from: /spec/missing, path: /spec/a}]", 422,
                        "\"/spec/missing\" does not exist"),
                arguments("move into its own child", "[{op: move, from: /spec, path: /spec/nested/spec}]", 422,
                        "cannot be moved into itself"),
                arguments("remove the root", "[{op: remove, path: ''}]", 422, "whole document"),
                arguments("a result that is not an object", "[{op: replace, path: '', value: [1]}]", 422,
                        "must be a JSON object"),
                arguments("a later failure discards earlier operations",
                        "[{op: replace, path: /spec/replicas, value: 9}, {op: test, path: /spec/replicas, value: 2}]", 422,
                        "testing value /spec/replicas failed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void rejects(String name, String patch, int code, String detail) {
        ObjectNode current = obj(DOC);

        assertThatThrownBy(() -> patcher.apply(PatchType.JSON_PATCH, current, node(patch), configMaps))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    if (code == 422) {
                        assertThat(e.status().getReason()).isEqualTo("Invalid");
                        assertThat(e.getMessage()).isEqualTo(PatchErrors.REJECTED);
                        assertThat(e.status().getDetails().getCauses()).singleElement()
                                .satisfies(cause -> assertThat(cause.getMessage()).contains(detail));
                    } else {
                        assertThat(e.status().getReason()).isEqualTo("BadRequest");
                        assertThat(e.getMessage()).contains(detail);
                    }
                });
        assertThat(current).isEqualTo(obj(DOC));
    }
}
