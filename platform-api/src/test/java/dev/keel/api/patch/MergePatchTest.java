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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MergePatchTest {

    private final ObjectPatcher patcher = new DefaultObjectPatcher();
    private final ResourceType deployments = Json.type("apps", "deployments");

    static Stream<Arguments> patches() {
        return Stream.of(
                arguments("objects merge recursively", "{a: {b: 1, c: 2}}", "{a: {c: 3, d: 4}}", "{a: {b: 1, c: 3, d: 4}}"),
                arguments("null deletes a key", "{a: {b: 1, c: 2}}", "{a: {b: null}}", "{a: {c: 2}}"),
                arguments("null for a missing key is ignored", "{a: 1}", "{b: null}", "{a: 1}"),
                arguments("lists are replaced, even merge-keyed ones",
                        "{spec: {template: {spec: {containers: [{name: a, image: x}, {name: b}]}}}}",
                        "{spec: {template: {spec: {containers: [{name: a, image: y}]}}}}",
                        "{spec: {template: {spec: {containers: [{name: a, image: y}]}}}}"),
                arguments("an object replaces a scalar", "{a: 1}", "{a: {b: 2}}", "{a: {b: 2}}"),
                arguments("a scalar replaces an object", "{a: {b: 2}}", "{a: 1}", "{a: 1}"),
                arguments("nulls inside a new object are dropped", "{}", "{a: {b: null, c: 1}}", "{a: {c: 1}}"),
                arguments("empty patch changes nothing", "{a: [1, 2]}", "{}", "{a: [1, 2]}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("patches")
    void merges(String name, String current, String patch, String expected) {
        ObjectNode stored = obj(current);

        assertThat(patcher.apply(PatchType.MERGE_PATCH, stored, node(patch), deployments)).isEqualTo(obj(expected));
        assertThat(stored).isEqualTo(obj(current));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(arguments("a list", "[1]"), arguments("a scalar", "3"), arguments("null", "null"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void rejectsNonObjects(String name, String patch) {
        assertThatThrownBy(() -> patcher.apply(PatchType.MERGE_PATCH, obj("{a: 1}"), node(patch), deployments))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(400));
    }
}
