package dev.keel.api.patch;

import static dev.keel.api.patch.Json.node;
import static dev.keel.api.patch.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.resource.ResourceType;
import dev.keel.api.status.ApiException;
import io.fabric8.kubernetes.api.model.StatusCause;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ManagedFieldsServerSideApplyTest {

    private static final String T1 = "2026-05-01T10:00:00Z";
    private static final String T2 = "2026-05-01T11:00:00Z";
    private static final String T3 = "2026-05-01T12:00:00Z";

    private static final ResourceType DEPLOYMENTS = Json.type("apps", "deployments");
    private static final ResourceType CONFIGMAPS = Json.type("", "configmaps");
    private static final ResourceType PODS = Json.type("", "pods");

    private static ManagedFieldsServerSideApply at(String time) {
        return new ManagedFieldsServerSideApply(Clock.fixed(Instant.parse(time), ZoneOffset.UTC));
    }

    private static String deployment(String spec) {
        return "{apiVersion: apps/v1, kind: Deployment, metadata: {name: web}, spec: " + spec + "}";
    }

    private static String configMap(String data) {
        return "{apiVersion: v1, kind: ConfigMap, metadata: {name: cfg}, data: " + data + "}";
    }

    /** What the server adds on create; apply and recordUpdate must neither track nor drop these. */
    private static ObjectNode stored(ObjectNode object) {
        ObjectNode metadata = object.withObjectProperty("metadata");
        metadata.put("namespace", "default");
        metadata.put("uid", "u-1");
        metadata.put("resourceVersion", "10");
        metadata.put("generation", 1);
        metadata.put("creationTimestamp", T1);
        return object;
    }

    private static JsonNode entries(ObjectNode object) {
        return object.at("/metadata/managedFields");
    }

    private static JsonNode entry(ObjectNode object, String manager, String operation) {
        for (JsonNode entry : entries(object)) {
            if (entry.path("manager").asText().equals(manager) && entry.path("operation").asText().equals(operation)) {
                return entry;
            }
        }
        return null;
    }

    private static List<String> owned(ObjectNode object, String manager, String operation) {
        JsonNode entry = entry(object, manager, operation);
        List<String> fields = new ArrayList<>();
        if (entry != null) {
            FieldSet.fromFieldsV1(entry.get("fieldsV1")).forEachMember(path -> fields.add(PathElements.describe(path)));
        }
        return fields;
    }

    @Nested
    class Create {

        @Test
        void recordsTheAppliedFieldsInKubernetesFormat() {
            ObjectNode applied = obj(deployment("""
                    {replicas: 2, selector: {matchLabels: {app: web}},
                     template: {metadata: {labels: {app: web}}, spec: {
                       nodeSelector: {disk: ssd},
                       containers: [{name: web, image: nginx, resources: {},
                         ports: [{containerPort: 80}, {containerPort: 53, protocol: UDP}],
                         env: [{name: A, value: '1'}]}]}}}"""));
            applied.withObjectProperty("metadata").set("labels", node("{app: web}"));
            applied.withObjectProperty("metadata").set("finalizers", node("[example.com/a]"));

            ObjectNode created = at(T1).apply(null, applied, DEPLOYMENTS, "kubectl", false);

            assertThat(entries(created)).isEqualTo(node("""
                    [{"manager": "kubectl", "operation": "Apply", "apiVersion": "apps/v1", "time": "2026-05-01T10:00:00Z",
                      "fieldsType": "FieldsV1", "fieldsV1": {
                        "f:metadata": {"f:finalizers": {"v:\\"example.com/a\\"": {}}, "f:labels": {"f:app": {}}},
                        "f:spec": {"f:replicas": {}, "f:selector": {}, "f:template": {
                          "f:metadata": {"f:labels": {"f:app": {}}},
                          "f:spec": {"f:nodeSelector": {}, "f:containers": {"k:{\\"name\\":\\"web\\"}": {
                            ".": {}, "f:name": {}, "f:image": {}, "f:resources": {},
                            "f:env": {"k:{\\"name\\":\\"A\\"}": {".": {}, "f:name": {}, "f:value": {}}},
                            "f:ports": {
                              "k:{\\"containerPort\\":53,\\"protocol\\":\\"UDP\\"}": {".": {}, "f:containerPort": {}, "f:protocol": {}},
                              "k:{\\"containerPort\\":80,\\"protocol\\":\\"TCP\\"}": {".": {}, "f:containerPort": {}}}}}}}}}}]"""));
            ObjectNode withoutManagedFields = created.deepCopy();
            withoutManagedFields.withObjectProperty("metadata").remove("managedFields");
            assertThat(withoutManagedFields).isEqualTo(applied);
        }

        @Test
        void dropsNullsAndDoesNotTrackServerSetMetadata() {
            ObjectNode applied = obj("""
                    {apiVersion: v1, kind: ConfigMap,
                     metadata: {name: cfg, namespace: default, creationTimestamp: null, labels: {a: b}},
                     data: {k: v, gone: null}}""");

            ObjectNode created = at(T1).apply(null, applied, CONFIGMAPS, "tool", false);

            assertThat(created.at("/metadata").has("creationTimestamp")).isFalse();
            assertThat(created.get("data")).isEqualTo(node("{k: v}"));
            assertThat(owned(created, "tool", "Apply")).containsExactly(".data.gone", ".data.k", ".metadata.labels.a");
        }
    }

    @Nested
    class Reapply {

        @Test
        void anUnchangedApplyReturnsAnIdenticalObject() {
            ObjectNode applied = obj(deployment("{replicas: 2, template: {spec: {containers: [{name: web, image: a}]}}}"));
            ObjectNode live = stored(at(T1).apply(null, applied, DEPLOYMENTS, "kubectl", false));

            ObjectNode again = at(T2).apply(live.deepCopy(), applied, DEPLOYMENTS, "kubectl", false);

            assertThat(again).isEqualTo(live);
        }

        @Test
        void keepsTheEntryTimeWhenOnlyValuesChange() {
            ObjectNode live = stored(at(T1).apply(null, obj(configMap("{a: '1'}")), CONFIGMAPS, "kubectl", false));

            ObjectNode changed = at(T2).apply(live, obj(configMap("{a: '2'}")), CONFIGMAPS, "kubectl", false);

            assertThat(changed.at("/data/a").asText()).isEqualTo("2");
            assertThat(entry(changed, "kubectl", "Apply").get("time").asText()).isEqualTo(T1);
        }

        @Test
        void movesTheEntryTimeWhenTheFieldSetChanges() {
            ObjectNode live = stored(at(T1).apply(null, obj(configMap("{a: '1'}")), CONFIGMAPS, "kubectl", false));

            ObjectNode changed = at(T2).apply(live, obj(configMap("{a: '1', b: '2'}")), CONFIGMAPS, "kubectl", false);

            assertThat(entry(changed, "kubectl", "Apply").get("time").asText()).isEqualTo(T2);
            assertThat(owned(changed, "kubectl", "Apply")).containsExactly(".data.a", ".data.b");
        }

        @Test
        void keepsServerSetFieldsAndFieldsNobodyApplied() {
            ObjectNode live = stored(at(T1).apply(null, obj(configMap("{a: '1'}")), CONFIGMAPS, "kubectl", false));
            live.withObjectProperty("metadata").withObjectProperty("annotations").put("other", "x");

            ObjectNode again = at(T2).apply(live, obj(configMap("{a: '2'}")), CONFIGMAPS, "kubectl", false);

            assertThat(again.at("/metadata/uid").asText()).isEqualTo("u-1");
            assertThat(again.at("/metadata/annotations/other").asText()).isEqualTo("x");
        }
    }

    static Stream<Arguments> droppedFields() {
        return Stream.of(
                arguments("a map key", configMap("{a: '1', b: '2'}"), configMap("{a: '1'}"), CONFIGMAPS, "{a: '1'}"),
                arguments("the last map key, with its map", configMap("{a: '1'}"),
                        "{apiVersion: v1, kind: ConfigMap, metadata: {name: cfg}}", CONFIGMAPS, null),
                arguments("a keyed list item",
                        deployment("{template: {spec: {containers: [{name: web, env: [{name: A, value: '1'}, {name: B, value: '2'}]}]}}}"),
                        deployment("{template: {spec: {containers: [{name: web, env: [{name: A, value: '1'}]}]}}}"),
                        DEPLOYMENTS, "{template: {spec: {containers: [{name: web, env: [{name: A, value: '1'}]}]}}}"),
                arguments("a whole container",
                        deployment("{template: {spec: {containers: [{name: web, image: a}, {name: side, image: b}]}}}"),
                        deployment("{template: {spec: {containers: [{name: web, image: a}]}}}"),
                        DEPLOYMENTS, "{template: {spec: {containers: [{name: web, image: a}]}}}"),
                arguments("a struct with its fields",
                        deployment("{replicas: 1, strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 1}}}"),
                        deployment("{replicas: 1}"), DEPLOYMENTS, "{replicas: 1}"),
                arguments("a set value",
                        "{apiVersion: v1, kind: ConfigMap, metadata: {name: cfg, finalizers: [a, b]}}",
                        "{apiVersion: v1, kind: ConfigMap, metadata: {name: cfg, finalizers: [b]}}", CONFIGMAPS, null),
                arguments("an atomic list is replaced, not pruned",
                        deployment("{template: {spec: {containers: [{name: web, args: [a, b]}]}}}"),
                        deployment("{template: {spec: {containers: [{name: web, args: [c]}]}}}"),
                        DEPLOYMENTS, "{template: {spec: {containers: [{name: web, args: [c]}]}}}"),
                arguments("a field set to null",
                        deployment("{replicas: 1, paused: true}"), deployment("{replicas: 1, paused: null}"),
                        DEPLOYMENTS, "{replicas: 1}"));
    }

    @ParameterizedTest(name = "dropping {0} removes it")
    @MethodSource("droppedFields")
    void droppingAFieldRemovesIt(String name, String first, String second, ResourceType type, String expected) {
        ObjectNode live = stored(at(T1).apply(null, obj(first), type, "kubectl", false));

        ObjectNode result = at(T2).apply(live, obj(second), type, "kubectl", false);

        String content = type == CONFIGMAPS ? "data" : "spec";
        assertThat(result.get(content)).isEqualTo(expected == null ? null : node(expected));
        if (name.equals("a set value")) {
            assertThat(result.at("/metadata/finalizers")).isEqualTo(node("[b]"));
        }
    }

    @Test
    void keepsADroppedFieldAnotherManagerOwns() {
        ObjectNode live = stored(at(T1).apply(null, obj(configMap("{a: '1', b: '2'}")), CONFIGMAPS, "first", false));
        live = at(T2).apply(live, obj(configMap("{b: '2'}")), CONFIGMAPS, "second", false);
        assertThat(owned(live, "second", "Apply")).containsExactly(".data.b");

        ObjectNode result = at(T3).apply(live, obj(configMap("{a: '1'}")), CONFIGMAPS, "first", false);

        assertThat(result.get("data")).isEqualTo(node("{a: '1', b: '2'}"));
        assertThat(owned(result, "first", "Apply")).containsExactly(".data.a");
    }

    @Nested
    class Conflicts {

        private ObjectNode ownedByUpdater() {
            ObjectNode live = stored(obj(deployment("{replicas: 1, template: {spec: {containers: [{name: web, image: a}]}}}")));
            at(T1).recordUpdate(null, live, DEPLOYMENTS, "kubectl-client-side-apply", null);
            return live;
        }

        @Test
        void rejectsChangingAFieldAnotherManagerOwns() {
            ObjectNode live = ownedByUpdater();
            ObjectNode applied = obj(deployment("{replicas: 3}"));

            assertThatThrownBy(() -> at(T2).apply(live, applied, DEPLOYMENTS, "mine", false))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.code()).isEqualTo(409);
                        assertThat(e.status().getReason()).isEqualTo("Conflict");
                        assertThat(e.getMessage()).isEqualTo(
                                "Apply failed with 1 conflict: conflict with \"kubectl-client-side-apply\" using apps/v1: .spec.replicas");
                        assertThat(e.status().getDetails().getCauses()).singleElement().satisfies(cause -> {
                            assertThat(cause.getReason()).isEqualTo("FieldManagerConflict");
                            assertThat(cause.getField()).isEqualTo(".spec.replicas");
                            assertThat(cause.getMessage()).isEqualTo("conflict with \"kubectl-client-side-apply\" using apps/v1");
                        });
                    });
        }

        @Test
        void listsEveryConflictByManager() {
            ObjectNode live = ownedByUpdater();
            ObjectNode applied = obj(deployment("{replicas: 3, template: {spec: {containers: [{name: web, image: b}]}}}"));

            assertThatThrownBy(() -> at(T2).apply(live, applied, DEPLOYMENTS, "mine", false))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.getMessage()).isEqualTo("""
                                Apply failed with 2 conflicts: conflicts with "kubectl-client-side-apply" using apps/v1:
                                - .spec.replicas
                                - .spec.template.spec.containers[name="web"].image""");
                        assertThat(e.status().getDetails().getCauses()).extracting(StatusCause::getField)
                                .containsExactly(".spec.replicas", ".spec.template.spec.containers[name=\"web\"].image");
                    });
        }

        @Test
        void namesAnApplierWithoutItsVersion() {
            ObjectNode live = stored(at(T1).apply(null, obj(configMap("{a: '1'}")), CONFIGMAPS, "helm", false));

            assertThatThrownBy(() -> at(T2).apply(live, obj(configMap("{a: '2'}")), CONFIGMAPS, "kubectl", false))
                    .hasMessage("Apply failed with 1 conflict: conflict with \"helm\": .data.a");
        }

        @Test
        void sharesAFieldAppliedWithTheSameValue() {
            ObjectNode live = ownedByUpdater();

            ObjectNode result = at(T2).apply(live, obj(deployment("{replicas: 1}")), DEPLOYMENTS, "mine", false);

            assertThat(owned(result, "mine", "Apply")).containsExactly(".spec.replicas");
            assertThat(owned(result, "kubectl-client-side-apply", "Update")).contains(".spec.replicas");
        }

        @Test
        void forceTakesTheFieldsOver() {
            ObjectNode live = ownedByUpdater();

            ObjectNode result = at(T2).apply(live, obj(deployment("{replicas: 3}")), DEPLOYMENTS, "mine", true);

            assertThat(result.at("/spec/replicas").asInt()).isEqualTo(3);
            assertThat(owned(result, "mine", "Apply")).containsExactly(".spec.replicas");
            assertThat(owned(result, "kubectl-client-side-apply", "Update")).doesNotContain(".spec.replicas")
                    .contains(".spec.template.spec.containers[name=\"web\"].image");
        }

        @Test
        void forceDropsAManagerLeftWithNothing() {
            ObjectNode live = stored(at(T1).apply(null, obj(configMap("{a: '1'}")), CONFIGMAPS, "helm", false));

            ObjectNode result = at(T2).apply(live, obj(configMap("{a: '2'}")), CONFIGMAPS, "kubectl", true);

            assertThat(entry(result, "helm", "Apply")).isNull();
            assertThat(entries(result)).hasSize(1);
        }

        @Test
        void letsKubectlTakeOverWhatClientSideApplySet() {
            ObjectNode live = ownedByUpdater();
            live.withObjectProperty("metadata").withObjectProperty("annotations").put(LastAppliedConfiguration.ANNOTATION,
                    "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\"},\"spec\":{\"replicas\":1}}\n");
            ObjectNode applied = obj(deployment("{replicas: 3}"));

            ObjectNode result = at(T2).apply(live, applied, DEPLOYMENTS, "kubectl", false);

            assertThat(result.at("/spec/replicas").asInt()).isEqualTo(3);
            assertThat(result.at("/metadata/annotations").get(LastAppliedConfiguration.ANNOTATION).asText())
                    .as("the annotation follows the applied configuration")
                    .isEqualTo("{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\"},"
                            + "\"spec\":{\"replicas\":3}}\n");
            assertThatThrownBy(() -> at(T2).apply(live, applied, DEPLOYMENTS, "someone-else", false))
                    .as("only kubectl gets this allowance").hasMessageContaining("1 conflict");
        }

        @Test
        void stillRejectsFieldsChangedSinceClientSideApply() {
            ObjectNode live = ownedByUpdater();
            live.withObjectProperty("metadata").withObjectProperty("annotations").put(LastAppliedConfiguration.ANNOTATION,
                    "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\"},\"spec\":{\"replicas\":2}}");

            assertThatThrownBy(() -> at(T2).apply(live, obj(deployment("{replicas: 3}")), DEPLOYMENTS, "kubectl", false))
                    .hasMessageContaining(".spec.replicas");
        }
    }

    static Stream<Arguments> invalidConfigurations() {
        return Stream.of(
                arguments("managedFields set", "{apiVersion: v1, kind: ConfigMap, metadata: {name: cfg, managedFields: []}}",
                        CONFIGMAPS, 400, "metadata.managedFields must be nil"),
                arguments("a keyed item without its key",
                        deployment("{template: {spec: {containers: [{name: a}, {image: b}]}}}"), DEPLOYMENTS, 422,
                        "spec.template.spec.containers[1].name: Required value"),
                arguments("duplicate keyed items",
                        deployment("{template: {spec: {containers: [{name: a}, {name: a}]}}}"), DEPLOYMENTS, 422,
                        "spec.template.spec.containers[1]: Duplicate value"),
                arguments("a nested key missing",
                        deployment("{template: {spec: {containers: [{name: a, ports: [{name: http}]}]}}}"), DEPLOYMENTS, 422,
                        "spec.template.spec.containers[0].ports[0].containerPort: Required value"),
                arguments("an object in a set", "{apiVersion: v1, kind: ConfigMap, metadata: {name: cfg, finalizers: [{a: b}]}}",
                        CONFIGMAPS, 422, "metadata.finalizers[0]: Invalid value"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidConfigurations")
    void rejectsInvalidConfigurations(String name, String applied, ResourceType type, int code, String message) {
        assertThatThrownBy(() -> at(T1).apply(null, obj(applied), type, "kubectl", false))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.getMessage()).contains(message);
                });
    }

    @Nested
    class RecordUpdate {

        @Test
        void recordsACreateWithoutServerSetFieldsOrStatus() {
            ObjectNode pod = stored(obj("""
                    {apiVersion: v1, kind: Pod, metadata: {name: p, labels: {app: a}},
                     spec: {containers: [{name: c, image: i}]}, status: {phase: Pending}}"""));

            at(T1).recordUpdate(null, pod, PODS, "kubectl-create", null);

            assertThat(entries(pod)).singleElement().satisfies(entry -> {
                assertThat(entry.get("operation").asText()).isEqualTo("Update");
                assertThat(entry.get("apiVersion").asText()).isEqualTo("v1");
                assertThat(entry.get("time").asText()).isEqualTo(T1);
                assertThat(entry.has("subresource")).isFalse();
            });
            assertThat(owned(pod, "kubectl-create", "Update")).containsExactly(
                    ".metadata.labels", ".metadata.labels.app",
                    ".spec", ".spec.containers", ".spec.containers[name=\"c\"]",
                    ".spec.containers[name=\"c\"].image", ".spec.containers[name=\"c\"].name");
        }

        @Test
        void tracksStatusOfKindsWithoutAStatusSubresource() {
            ObjectNode configMap = stored(obj(configMap("{a: '1'}")));

            at(T1).recordUpdate(null, configMap, CONFIGMAPS, "tool", null);

            assertThat(owned(configMap, "tool", "Update")).containsExactly(".data", ".data.a");
        }

        @Test
        void takesChangedFieldsFromTheApplier() {
            ObjectNode live = stored(at(T1).apply(null, obj(deployment("{replicas: 2, paused: false}")), DEPLOYMENTS, "kubectl", false));
            ObjectNode updated = live.deepCopy();
            updated.withObjectProperty("spec").put("replicas", 5);

            at(T2).recordUpdate(live, updated, DEPLOYMENTS, "hpa", null);

            assertThat(owned(updated, "kubectl", "Apply")).containsExactly(".spec.paused");
            assertThat(owned(updated, "hpa", "Update")).containsExactly(".spec.replicas");
            assertThatThrownBy(() -> at(T3).apply(updated, obj(deployment("{replicas: 2, paused: false}")), DEPLOYMENTS,
                    "kubectl", false)).hasMessage("Apply failed with 1 conflict: conflict with \"hpa\" using apps/v1: .spec.replicas");
        }

        @Test
        void removesDeletedFieldsFromEveryManager() {
            ObjectNode live = stored(at(T1).apply(null, obj(configMap("{a: '1', b: '2'}")), CONFIGMAPS, "kubectl", false));
            ObjectNode updated = live.deepCopy();
            ((ObjectNode) updated.get("data")).remove("a");

            at(T2).recordUpdate(live, updated, CONFIGMAPS, "editor", null);

            assertThat(owned(updated, "kubectl", "Apply")).containsExactly(".data.b");
            assertThat(entry(updated, "editor", "Update")).as("a pure removal owns nothing").isNull();
        }

        @Test
        void leavesManagedFieldsUntouchedWhenNothingChanged() {
            ObjectNode live = stored(obj(configMap("{a: '1'}")));
            // Update before Apply is not the order this class writes; an untouched list must still be kept as is.
            live.withObjectProperty("metadata").set("managedFields", node("""
                    [{manager: b, operation: Update, apiVersion: v1, time: '2026-01-02T00:00:00Z', fieldsType: FieldsV1,
                      fieldsV1: {'f:data': {'f:a': {}}}},
                     {manager: a, operation: Apply, apiVersion: v1, time: '2026-01-01T00:00:00Z', fieldsType: FieldsV1,
                      fieldsV1: {'f:metadata': {'f:labels': {'f:x': {}}}}}]"""));
            ObjectNode updated = live.deepCopy();
            updated.withObjectProperty("metadata").remove("managedFields");
            updated.withObjectProperty("metadata").put("generation", 2);

            at(T2).recordUpdate(live, updated, CONFIGMAPS, "c", null);

            assertThat(updated).as("managedFields restored although the client omitted them").isEqualTo(withGeneration(live, 2));
        }

        private ObjectNode withGeneration(ObjectNode object, int generation) {
            ObjectNode copy = object.deepCopy();
            copy.withObjectProperty("metadata").put("generation", generation);
            return copy;
        }

        @Test
        void honoursManagedFieldsAClientWrites() {
            ObjectNode live = stored(obj(configMap("{a: '1'}")));
            at(T1).recordUpdate(null, live, CONFIGMAPS, "kubectl-client-side-apply", null);
            ObjectNode updated = live.deepCopy();
            // What kubectl sends when it moves client-side apply ownership to server-side apply.
            updated.withObjectProperty("metadata").set("managedFields", node("""
                    [{manager: kubectl, operation: Apply, apiVersion: v1, time: '2026-05-01T10:00:00Z', fieldsType: FieldsV1,
                      fieldsV1: {'f:data': {'f:a': {}}}}]"""));
            JsonNode sent = updated.at("/metadata/managedFields").deepCopy();

            at(T2).recordUpdate(live, updated, CONFIGMAPS, "kubectl", null);

            assertThat(updated.at("/metadata/managedFields")).isEqualTo(sent);
        }

        @Test
        void ignoresManagedFieldsSentToASubresource() {
            ObjectNode live = stored(obj("{apiVersion: v1, kind: Pod, metadata: {name: p}, status: {phase: Pending}}"));
            at(T1).recordUpdate(null, live, PODS, "creator", null);
            ObjectNode updated = live.deepCopy();
            updated.withObjectProperty("status").put("phase", "Running");
            updated.withObjectProperty("metadata").set("managedFields", node("[{manager: x, operation: Apply, apiVersion: v1}]"));

            at(T2).recordUpdate(live, updated, PODS, "kubelet", "status");

            assertThat(entry(updated, "x", "Apply")).isNull();
            assertThat(entry(updated, "kubelet", "Update").get("subresource").asText()).isEqualTo("status");
            assertThat(owned(updated, "kubelet", "Update")).containsExactly(".status.phase");
        }

        @Test
        void clearsManagedFieldsOnASingleEmptyEntry() {
            ObjectNode live = stored(obj(configMap("{a: '1'}")));
            at(T1).recordUpdate(null, live, CONFIGMAPS, "creator", null);
            ObjectNode updated = live.deepCopy();
            updated.withObjectProperty("metadata").set("managedFields", node("[{}]"));

            at(T2).recordUpdate(live, updated, CONFIGMAPS, "cleaner", null);

            assertThat(updated.at("/metadata").has("managedFields")).isFalse();
        }

        @Test
        void keepsOneEntryPerManagerAndSubresourceInKubernetesOrder() {
            ObjectNode live = stored(at(T1).apply(null, obj(configMap("{a: '1'}")), CONFIGMAPS, "applier", false));
            ObjectNode second = live.deepCopy();
            ((ObjectNode) second.get("data")).put("b", "2");
            at(T2).recordUpdate(live, second, CONFIGMAPS, "editor", null);
            ObjectNode third = second.deepCopy();
            ((ObjectNode) third.get("data")).put("c", "3");

            at(T3).recordUpdate(second, third, CONFIGMAPS, "editor", null);

            assertThat(entries(third)).extracting(e -> e.get("manager").asText() + "/" + e.get("operation").asText())
                    .containsExactly("applier/Apply", "editor/Update");
            assertThat(owned(third, "editor", "Update")).containsExactly(".data.b", ".data.c");
            assertThat(entry(third, "editor", "Update").get("time").asText()).isEqualTo(T3);
            assertThat(entry(third, "applier", "Apply").get("time").asText()).isEqualTo(T1);
        }
    }
}
