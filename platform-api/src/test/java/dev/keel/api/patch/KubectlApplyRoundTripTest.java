package dev.keel.api.patch;

import static dev.keel.api.patch.Json.node;
import static dev.keel.api.patch.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.codec.JsonEquality;
import dev.keel.api.resource.ResourceType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Client-side {@code kubectl apply} computes a three-way strategic merge patch and sends it; the next apply of
 * the same file must find nothing to change. kubectl finds nothing when the live object holds every field of
 * the file with the file's value (lists matched by merge key) and the last-applied annotation is the file.
 * The request bodies below were recorded from kubectl 1.33 applying {@link #DEPLOYMENT_V1},
 * {@link #DEPLOYMENT_V2}, then {@link #DEPLOYMENT_V1} again (and the ConfigMaps likewise) against an
 * in-memory endpoint backed by this package; there, each second apply reported "unchanged".
 */
class KubectlApplyRoundTripTest {

    private static final String DEPLOYMENT_V1 = """
            {apiVersion: apps/v1, kind: Deployment,
             metadata: {name: web, labels: {app: web, tier: front}},
             spec: {replicas: 2, selector: {matchLabels: {app: web}},
               strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 1, maxUnavailable: 0}},
               template: {metadata: {labels: {app: web}}, spec: {
                 containers: [
                   {name: web, image: 'nginx:1.25', ports: [{containerPort: 80}, {containerPort: 443}],
                    env: [{name: A, value: '1'}, {name: B, value: '2'}],
                    resources: {limits: {cpu: 500m, memory: 128Mi}},
                    volumeMounts: [{name: data, mountPath: /data}]},
                   {name: sidecar, image: busybox, args: [sleep, '3600']}],
                 volumes: [{name: data, emptyDir: {}}]}}}}""";

    private static final String DEPLOYMENT_V2 = """
            {apiVersion: apps/v1, kind: Deployment,
             metadata: {name: web, labels: {app: web}, finalizers: [example.com/one]},
             spec: {replicas: 3, selector: {matchLabels: {app: web}},
               strategy: {type: Recreate},
               template: {metadata: {labels: {app: web}}, spec: {
                 containers: [
                   {name: web, image: 'nginx:1.26', ports: [{containerPort: 8443}, {containerPort: 80}],
                    env: [{name: C, value: '3'}, {name: A, value: '1'}],
                    resources: {limits: {cpu: 500m, memory: 128Mi}},
                    volumeMounts: [{name: data, mountPath: /data}]}],
                 volumes: [{name: data, configMap: {name: cfg}}]}}}}""";

    private static final String CONFIGMAP_V1 = """
            {apiVersion: v1, kind: ConfigMap, metadata: {name: cfg, annotations: {note: one}},
             data: {a: '1', b: '2', nested.json: '{"x": [1, 2.50]}'}}""";

    private static final String CONFIGMAP_V2 = """
            {apiVersion: v1, kind: ConfigMap, metadata: {name: cfg},
             data: {b: '3', c: '4', nested.json: '{"x": [1, 2.50]}'}}""";

    /** What a Kubernetes server adds to a created Deployment: identity, defaults, status. */
    private static final String SERVER_FIELDS = """
            {metadata: {uid: 6f1c, resourceVersion: '7', generation: 1, creationTimestamp: '2026-01-01T00:00:00Z'},
             spec: {progressDeadlineSeconds: 600, revisionHistoryLimit: 10,
               template: {spec: {restartPolicy: Always, dnsPolicy: ClusterFirst}}},
             status: {observedGeneration: 1, replicas: 2, conditions: [{type: Available, status: 'True'}]}}""";

    private static final String DEPLOYMENT_CREATED = """
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"annotations":{"kubectl.kubernetes.io/last-appli\
            ed-configuration":"{\\"apiVersion\\":\\"apps/v1\\",\\"kind\\":\\"Deployment\\",\\"metadata\\":{\\"annota\
            tions\\":{},\\"labels\\":{\\"app\\":\\"web\\",\\"tier\\":\\"front\\"},\\"name\\":\\"web\\",\\"namespace\
            \\":\\"default\\"},\\"spec\\":{\\"replicas\\":2,\\"selector\\":{\\"matchLabels\\":{\\"app\\":\\"web\\"}}\
            ,\\"strategy\\":{\\"rollingUpdate\\":{\\"maxSurge\\":1,\\"maxUnavailable\\":0},\\"type\\":\\"RollingUpda\
            te\\"},\\"template\\":{\\"metadata\\":{\\"labels\\":{\\"app\\":\\"web\\"}},\\"spec\\":{\\"containers\\":\
            [{\\"env\\":[{\\"name\\":\\"A\\",\\"value\\":\\"1\\"},{\\"name\\":\\"B\\",\\"value\\":\\"2\\"}],\\"image\
            \\":\\"nginx:1.25\\",\\"name\\":\\"web\\",\\"ports\\":[{\\"containerPort\\":80},{\\"containerPort\\":443\
            }],\\"resources\\":{\\"limits\\":{\\"cpu\\":\\"500m\\",\\"memory\\":\\"128Mi\\"}},\\"volumeMounts\\":[{\
            \\"mountPath\\":\\"/data\\",\\"name\\":\\"data\\"}]},{\\"args\\":[\\"sleep\\",\\"3600\\"],\\"image\\":\\\
            "busybox\\",\\"name\\":\\"sidecar\\"}],\\"volumes\\":[{\\"emptyDir\\":{},\\"name\\":\\"data\\"}]}}}}\\n"\
            },"labels":{"app":"web","tier":"front"},"name":"web","namespace":"default"},"spec":{"replicas":2,"select\
            or":{"matchLabels":{"app":"web"}},"strategy":{"rollingUpdate":{"maxSurge":1,"maxUnavailable":0},"type":"\
            RollingUpdate"},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"env":[{"name":"A\
            ","value":"1"},{"name":"B","value":"2"}],"image":"nginx:1.25","name":"web","ports":[{"containerPort":80}\
            ,{"containerPort":443}],"resources":{"limits":{"cpu":"500m","memory":"128Mi"}},"volumeMounts":[{"mountPa\
            th":"/data","name":"data"}]},{"args":["sleep","3600"],"image":"busybox","name":"sidecar"}],"volumes":[{"\
            emptyDir":{},"name":"data"}]}}}}""";

    private static final String DEPLOYMENT_V1_TO_V2 = """
            {"metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{\\"apiVersion\\":\\"app\
            s/v1\\",\\"kind\\":\\"Deployment\\",\\"metadata\\":{\\"annotations\\":{},\\"finalizers\\":[\\"example.co\
            m/one\\"],\\"labels\\":{\\"app\\":\\"web\\"},\\"name\\":\\"web\\",\\"namespace\\":\\"default\\"},\\"spec\
            \\":{\\"replicas\\":3,\\"selector\\":{\\"matchLabels\\":{\\"app\\":\\"web\\"}},\\"strategy\\":{\\"type\\\
            ":\\"Recreate\\"},\\"template\\":{\\"metadata\\":{\\"labels\\":{\\"app\\":\\"web\\"}},\\"spec\\":{\\"con\
            tainers\\":[{\\"env\\":[{\\"name\\":\\"C\\",\\"value\\":\\"3\\"},{\\"name\\":\\"A\\",\\"value\\":\\"1\\"\
            }],\\"image\\":\\"nginx:1.26\\",\\"name\\":\\"web\\",\\"ports\\":[{\\"containerPort\\":8443},{\\"contain\
            erPort\\":80}],\\"resources\\":{\\"limits\\":{\\"cpu\\":\\"500m\\",\\"memory\\":\\"128Mi\\"}},\\"volumeM\
            ounts\\":[{\\"mountPath\\":\\"/data\\",\\"name\\":\\"data\\"}]}],\\"volumes\\":[{\\"configMap\\":{\\"nam\
            e\\":\\"cfg\\"},\\"name\\":\\"data\\"}]}}}}\\n"},"finalizers":["example.com/one"],"labels":{"tier":null}\
            },"spec":{"replicas":3,"strategy":{"$retainKeys":["type"],"rollingUpdate":null,"type":"Recreate"},"templ\
            ate":{"spec":{"$setElementOrder/containers":[{"name":"web"}],"$setElementOrder/volumes":[{"name":"data"}\
            ],"containers":[{"$setElementOrder/env":[{"name":"C"},{"name":"A"}],"$setElementOrder/ports":[{"containe\
            rPort":8443},{"containerPort":80}],"env":[{"name":"C","value":"3"},{"$patch":"delete","name":"B"}],"imag\
            e":"nginx:1.26","name":"web","ports":[{"containerPort":8443},{"$patch":"delete","containerPort":443}]},{\
            "$patch":"delete","name":"sidecar"}],"volumes":[{"$retainKeys":["configMap","name"],"configMap":{"name":\
            "cfg"},"emptyDir":null,"name":"data"}]}}}}""";

    private static final String DEPLOYMENT_V2_TO_V1 = """
            {"metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{\\"apiVersion\\":\\"app\
            s/v1\\",\\"kind\\":\\"Deployment\\",\\"metadata\\":{\\"annotations\\":{},\\"labels\\":{\\"app\\":\\"web\
            \\",\\"tier\\":\\"front\\"},\\"name\\":\\"web\\",\\"namespace\\":\\"default\\"},\\"spec\\":{\\"replicas\
            \\":2,\\"selector\\":{\\"matchLabels\\":{\\"app\\":\\"web\\"}},\\"strategy\\":{\\"rollingUpdate\\":{\\"m\
            axSurge\\":1,\\"maxUnavailable\\":0},\\"type\\":\\"RollingUpdate\\"},\\"template\\":{\\"metadata\\":{\\"\
            labels\\":{\\"app\\":\\"web\\"}},\\"spec\\":{\\"containers\\":[{\\"env\\":[{\\"name\\":\\"A\\",\\"value\
            \\":\\"1\\"},{\\"name\\":\\"B\\",\\"value\\":\\"2\\"}],\\"image\\":\\"nginx:1.25\\",\\"name\\":\\"web\\"\
            ,\\"ports\\":[{\\"containerPort\\":80},{\\"containerPort\\":443}],\\"resources\\":{\\"limits\\":{\\"cpu\
            \\":\\"500m\\",\\"memory\\":\\"128Mi\\"}},\\"volumeMounts\\":[{\\"mountPath\\":\\"/data\\",\\"name\\":\\\
            "data\\"}]},{\\"args\\":[\\"sleep\\",\\"3600\\"],\\"image\\":\\"busybox\\",\\"name\\":\\"sidecar\\"}],\\\
            "volumes\\":[{\\"emptyDir\\":{},\\"name\\":\\"data\\"}]}}}}\\n"},"finalizers":null,"labels":{"tier":"fro\
            nt"}},"spec":{"replicas":2,"strategy":{"$retainKeys":["rollingUpdate","type"],"rollingUpdate":{"maxSurge\
            ":1,"maxUnavailable":0},"type":"RollingUpdate"},"template":{"spec":{"$setElementOrder/containers":[{"nam\
            e":"web"},{"name":"sidecar"}],"$setElementOrder/volumes":[{"name":"data"}],"containers":[{"$setElementOr\
            der/env":[{"name":"A"},{"name":"B"}],"$setElementOrder/ports":[{"containerPort":80},{"containerPort":443\
            }],"env":[{"name":"B","value":"2"},{"$patch":"delete","name":"C"}],"image":"nginx:1.25","name":"web","po\
            rts":[{"containerPort":443},{"$patch":"delete","containerPort":8443}]},{"args":["sleep","3600"],"image":\
            "busybox","name":"sidecar"}],"volumes":[{"$retainKeys":["emptyDir","name"],"configMap":null,"emptyDir":{\
            },"name":"data"}]}}}}""";

    private static final String CONFIGMAP_CREATED = """
            {"apiVersion":"v1","data":{"a":"1","b":"2","nested.json":"{\\"x\\": [1, 2.50]}"},"kind":"ConfigMap","met\
            adata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{\\"apiVersion\\":\\"v1\\",\\\
            "data\\":{\\"a\\":\\"1\\",\\"b\\":\\"2\\",\\"nested.json\\":\\"{\\\\\\"x\\\\\\": [1, 2.50]}\\"},\\"kind\
            \\":\\"ConfigMap\\",\\"metadata\\":{\\"annotations\\":{\\"note\\":\\"one\\"},\\"name\\":\\"cfg\\",\\"nam\
            espace\\":\\"default\\"}}\\n","note":"one"},"name":"cfg","namespace":"default"}}""";

    private static final String CONFIGMAP_V1_TO_V2 = """
            {"data":{"a":null,"b":"3","c":"4"},"metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-config\
            uration":"{\\"apiVersion\\":\\"v1\\",\\"data\\":{\\"b\\":\\"3\\",\\"c\\":\\"4\\",\\"nested.json\\":\\"{\
            \\\\\\"x\\\\\\": [1, 2.50]}\\"},\\"kind\\":\\"ConfigMap\\",\\"metadata\\":{\\"annotations\\":{},\\"name\
            \\":\\"cfg\\",\\"namespace\\":\\"default\\"}}\\n","note":null}}}""";

    private static final String CONFIGMAP_LABEL = """
            {"metadata":{"labels":{"extra":"yes"}}}""";

    private final ObjectPatcher patcher = new DefaultObjectPatcher();

    static Stream<Arguments> kubectlSessions() {
        return Stream.of(
                arguments("deployment v1 -> v2 -> v1", "apps", "deployments", DEPLOYMENT_CREATED,
                        List.of(DEPLOYMENT_V1_TO_V2, DEPLOYMENT_V2_TO_V1), List.of(DEPLOYMENT_V2, DEPLOYMENT_V1)),
                arguments("configmap v1 -> v2, then kubectl label", "", "configmaps", CONFIGMAP_CREATED,
                        List.of(CONFIGMAP_V1_TO_V2, CONFIGMAP_LABEL), List.of(CONFIGMAP_V2, CONFIGMAP_V2)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kubectlSessions")
    void eachApplyLeavesNothingToChange(String name, String group, String plural, String created, List<String> patches,
            List<String> configs) {
        ResourceType type = Json.type(group, plural);
        FieldSchema schema = PatchStrategies.forType(type);
        ObjectNode live = obj(created);
        for (int step = 0; step < patches.size(); step++) {
            JsonNode patch = node(patches.get(step));

            ObjectNode patched = patcher.apply(PatchType.STRATEGIC_MERGE_PATCH, live, patch, type);

            assertSubsumes(obj(configs.get(step)), patched, schema, "");
            JsonNode lastApplied = patch.at("/metadata/annotations/" + LastAppliedConfiguration.ANNOTATION.replace("/", "~1"));
            if (!lastApplied.isMissingNode()) {
                assertThat(patched.at("/metadata/annotations").get(LastAppliedConfiguration.ANNOTATION)).isEqualTo(lastApplied);
            }
            assertThat(patcher.apply(PatchType.STRATEGIC_MERGE_PATCH, patched, patch, type))
                    .as("sending the same patch again changes nothing").isEqualTo(patched);
            live = patched;
        }
    }

    @Test
    void appliesKubectlsPatchAsKubernetesDoes() {
        ResourceType deployments = Json.type("apps", "deployments");
        ObjectNode live = MergePatch.apply(obj(DEPLOYMENT_CREATED), node(SERVER_FIELDS));

        ObjectNode patched = patcher.apply(PatchType.STRATEGIC_MERGE_PATCH, live, node(DEPLOYMENT_V1_TO_V2), deployments);

        assertThat(patched.get("spec")).isEqualTo(node("""
                {replicas: 3, selector: {matchLabels: {app: web}}, strategy: {type: Recreate},
                 progressDeadlineSeconds: 600, revisionHistoryLimit: 10,
                 template: {metadata: {labels: {app: web}}, spec: {
                   containers: [{name: web, image: 'nginx:1.26',
                     env: [{name: C, value: '3'}, {name: A, value: '1'}],
                     ports: [{containerPort: 8443}, {containerPort: 80}],
                     resources: {limits: {cpu: 500m, memory: 128Mi}},
                     volumeMounts: [{mountPath: /data, name: data}]}],
                   volumes: [{name: data, configMap: {name: cfg}}],
                   restartPolicy: Always, dnsPolicy: ClusterFirst}}}"""));
        assertThat(patched.at("/metadata/labels")).isEqualTo(node("{app: web}"));
        assertThat(patched.at("/metadata/finalizers")).isEqualTo(node("[example.com/one]"));
        assertThat(patched.get("status")).as("fields the patch does not name are kept").isEqualTo(live.get("status"));
        assertThat(patched.at("/metadata/uid").asText()).isEqualTo("6f1c");
    }

    @Test
    void keepsFieldsOtherClientsAddedBetweenApplies() {
        ResourceType deployments = Json.type("apps", "deployments");
        ObjectNode live = MergePatch.apply(obj(DEPLOYMENT_CREATED), node("""
                {metadata: {labels: {injected: 'yes'}}}"""));
        live = StrategicMergePatch.apply(live, node("""
                {spec: {template: {spec: {containers: [{name: proxy, image: envoy}],
                  volumes: [{name: certs, secret: {secretName: certs}}]}}}}"""), PatchStrategies.forType(deployments));

        ObjectNode patched = patcher.apply(PatchType.STRATEGIC_MERGE_PATCH, live, node(DEPLOYMENT_V1_TO_V2), deployments);

        assertThat(patched.at("/metadata/labels")).isEqualTo(node("{app: web, injected: 'yes'}"));
        assertThat(names(patched.at("/spec/template/spec/containers"))).containsExactly("proxy", "web");
        assertThat(names(patched.at("/spec/template/spec/volumes"))).as("stored order kept").containsExactly("certs", "data");
        assertSubsumes(obj(DEPLOYMENT_V2), patched, PatchStrategies.forType(deployments), "");
    }

    private static List<String> names(JsonNode list) {
        List<String> names = new ArrayList<>();
        list.forEach(item -> names.add(item.path("name").asText()));
        return names;
    }

    /**
     * Asserts what kubectl's comparison of the file with the live object checks: every field of
     * {@code config} is in {@code live} with the same value; merged lists match item by merge key or value.
     */
    private static void assertSubsumes(JsonNode config, JsonNode live, FieldSchema schema, String path) {
        assertThat(live).as("%s is present", path).isNotNull();
        if (config.isObject()) {
            assertThat(live.isObject()).as("%s is an object", path).isTrue();
            for (Iterator<Map.Entry<String, JsonNode>> it = config.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                assertSubsumes(field.getValue(), live.get(field.getKey()), schema.field(field.getKey()), path + "." + field.getKey());
            }
        } else if (config.isArray() && schema.isMergeList()) {
            for (JsonNode item : config) {
                JsonNode match = null;
                for (JsonNode candidate : live) {
                    boolean same = schema.mergeKey() == null
                            ? JsonEquality.equal(candidate, item)
                            : JsonEquality.equal(candidate.get(schema.mergeKey()), item.get(schema.mergeKey()));
                    if (same) {
                        match = candidate;
                    }
                }
                assertSubsumes(item, match, schema.element(), path + "[" + item + "]");
            }
        } else {
            assertThat(JsonEquality.equal(config, live)).as("%s: %s equals %s", path, live, config).isTrue();
        }
    }
}
