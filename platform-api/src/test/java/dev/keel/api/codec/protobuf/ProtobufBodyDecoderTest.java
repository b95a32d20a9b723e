package dev.keel.api.codec.protobuf;

import static dev.keel.api.codec.protobuf.ProtoBytes.envelope;
import static dev.keel.api.codec.protobuf.ProtoBytes.intOrString;
import static dev.keel.api.codec.protobuf.ProtoBytes.message;
import static dev.keel.api.codec.protobuf.ProtoBytes.quantity;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.api.codec.ObjectCodec;
import dev.keel.api.status.ApiException;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Bodies laid out as Go's generated marshallers lay them out (every non-pointer field written, zero or not) must
 * decode to the JSON tree the same object has when a Go client sends it as JSON.
 */
class ProtobufBodyDecoderTest {

    private final ObjectCodec codec = new ObjectCodec();
    private final ProtobufBodyDecoder decoder = new ProtobufBodyDecoder(codec.json());

    @Test
    void namespaceAsKubectlCreatesIt() {
        ProtoBytes namespace = message()
                .message(1, objectMeta("demo", ""))
                .message(2, message())
                .message(3, message().string(1, ""));

        JsonNode decoded = decoder.decode(envelope("v1", "Namespace", namespace));

        assertThat(decoded).isEqualTo(json("""
                {"kind":"Namespace","apiVersion":"v1","metadata":{"name":"demo","creationTimestamp":null},
                 "spec":{},"status":{}}"""));
        assertThat(decoded.fieldNames()).toIterable().startsWith("kind", "apiVersion");
    }

    @Test
    void deploymentWithContainersPortsResourcesAndIntOrStringStrategy() {
        ProtoBytes container = message()
                .string(1, "web").string(2, "localhost:5000/busybox:1.35")
                .message(6, message().string(1, "").varint(2, 0).varint(3, 8080).string(4, "TCP").string(5, ""))
                .message(8, message()
                        .entry(1, "cpu", quantity("500m")).entry(1, "memory", quantity("128Mi"))
                        .entry(2, "cpu", quantity("250m")))
                .string(13, "").string(14, "").bool(16, false).bool(17, false).bool(18, false).string(20, "");
        ProtoBytes podSpec = message()
                .message(2, container)
                .string(3, "").string(6, "").string(8, "").string(9, "").string(10, "")
                .bool(11, false).bool(12, false).bool(13, false).string(16, "").string(17, "").string(19, "");
        ProtoBytes spec = message()
                .varint(1, 0)
                .message(2, message().entry(1, "app", "web"))
                .message(3, message().message(1, objectMeta("", "").entry(11, "app", "web")).message(2, podSpec))
                .message(4, message().string(1, "RollingUpdate")
                        .message(2, message().message(1, intOrString(0)).message(2, intOrString("25%"))))
                .varint(5, 0).varint(6, 10).bool(7, false);
        ProtoBytes status = message().varint(1, 0).varint(2, 0).varint(3, 0).varint(4, 0).varint(5, 0).varint(7, 0);
        ProtoBytes deployment = message()
                .message(1, objectMeta("web", "demo").entry(11, "app", "web"))
                .message(2, spec)
                .message(3, status);

        JsonNode decoded = decoder.decode(envelope("apps/v1", "Deployment", deployment));

        assertThat(decoded).isEqualTo(json("""
                {"kind":"Deployment","apiVersion":"apps/v1",
                 "metadata":{"name":"web","namespace":"demo","creationTimestamp":null,"labels":{"app":"web"}},
                 "spec":{"replicas":0,"selector":{"matchLabels":{"app":"web"}},
                   "template":{"metadata":{"creationTimestamp":null,"labels":{"app":"web"}},
                     "spec":{"containers":[{"name":"web","image":"localhost:5000/busybox:1.35",
                       "ports":[{"containerPort":8080,"protocol":"TCP"}],
                       "resources":{"limits":{"cpu":"500m","memory":"128Mi"},"requests":{"cpu":"250m"}}}]}},
                   "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":0,"maxSurge":"25%"}},
                   "revisionHistoryLimit":10},
                 "status":{}}"""));
        List<String> unknown = new ArrayList<>();
        Deployment model = codec.toModel(decoded, Deployment.class, "Deployment", "apps/v1", unknown);
        assertThat(unknown).isEmpty();
        assertThat(model.getSpec().getReplicas()).isZero();
        assertThat(model.getSpec().getStrategy().getRollingUpdate().getMaxSurge().getStrVal()).isEqualTo("25%");
        assertThat(model.getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getLimits().get("memory"))
                .hasToString("128Mi");
    }

    @Test
    void secretBytesBecomeBase64AndPointerFalseIsKept() {
        ProtoBytes secret = message()
                .message(1, objectMeta("s", "demo"))
                .entry(2, "a", "b".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .entry(2, "bin", new byte[] {0, (byte) 0xff, 1})
                .string(3, "Opaque")
                .entry(4, "plain", "text")
                .bool(5, false);

        JsonNode decoded = decoder.decode(envelope("v1", "Secret", secret));

        assertThat(decoded).isEqualTo(json("""
                {"kind":"Secret","apiVersion":"v1","metadata":{"name":"s","namespace":"demo","creationTimestamp":null},
                 "immutable":false,"data":{"a":"Yg==","bin":"AP8B"},"stringData":{"plain":"text"},"type":"Opaque"}"""));
    }

    @Test
    void serviceTargetPortAsStringOrNumber() {
        ProtoBytes spec = message()
                .message(1, message().string(1, "http").string(2, "TCP").varint(3, 80)
                        .message(4, intOrString("http-alt")).varint(5, 0))
                .message(1, message().string(1, "metrics").string(2, "TCP").varint(3, 9090)
                        .message(4, intOrString(8080)).varint(5, 0))
                .entry(2, "app", "web")
                .string(3, "").string(4, "ClusterIP").string(7, "").string(8, "").string(10, "").string(11, "")
                .varint(12, 0).bool(13, false);
        ProtoBytes service = message()
                .message(1, objectMeta("s2", "demo"))
                .message(2, spec)
                .message(3, message().message(1, message()));

        JsonNode decoded = decoder.decode(envelope("v1", "Service", service));

        assertThat(decoded).isEqualTo(json("""
                {"kind":"Service","apiVersion":"v1","metadata":{"name":"s2","namespace":"demo","creationTimestamp":null},
                 "spec":{"ports":[{"name":"http","protocol":"TCP","port":80,"targetPort":"http-alt"},
                                  {"name":"metrics","protocol":"TCP","port":9090,"targetPort":8080}],
                   "selector":{"app":"web"},"type":"ClusterIP"},
                 "status":{"loadBalancer":{}}}"""));
    }

    @Test
    void unknownFieldNumbersAreSkipped() {
        ProtoBytes meta = objectMeta("cm", "demo").varint(999, 7).message(998, message().string(1, "x"));
        ProtoBytes configMap = message()
                .message(1, meta)
                .entry(2, "k", "v")
                .bytes(77, new byte[] {1, 2, 3})
                .varint(78, 1);

        JsonNode decoded = decoder.decode(envelope("v1", "ConfigMap", configMap));

        assertThat(decoded).isEqualTo(json("""
                {"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"cm","namespace":"demo","creationTimestamp":null},
                 "data":{"k":"v"}}"""));
    }

    @Test
    void inlinedStructsJoinTheirParent() {
        ProtoBytes volume = message().string(1, "cfg")
                .message(2, message().message(19, message().message(1, message().string(1, "settings")).varint(3, 420)));
        ProtoBytes probe = message()
                .message(1, message().message(2, message().string(1, "/healthz").message(2, intOrString(8080))))
                .varint(2, 0).varint(4, 10);
        ProtoBytes pod = message()
                .message(1, objectMeta("p", "demo"))
                .message(2, message().message(1, volume)
                        .message(2, message().string(1, "app").string(2, "img").message(10, probe)));

        JsonNode decoded = decoder.decode(envelope("v1", "Pod", pod));

        assertThat(decoded.path("spec")).isEqualTo(json("""
                {"volumes":[{"name":"cfg","configMap":{"name":"settings","defaultMode":420}}],
                 "containers":[{"name":"app","image":"img",
                   "livenessProbe":{"httpGet":{"path":"/healthz","port":8080},"periodSeconds":10}}]}"""));
    }

    @Test
    void timesAreRfc3339AndMicroTimesKeepMicroseconds() {
        ProtoBytes lease = message()
                .message(1, message().string(1, "leader").message(8, message().varint(1, 1_700_000_000L).varint(2, 5)))
                .message(2, message().string(1, "node-a").varint(2, 15)
                        .message(4, message().varint(1, 1_700_000_000L).varint(2, 123_456_789))
                        .varint(5, 0));

        JsonNode decoded = decoder.decode(envelope("coordination.k8s.io/v1", "Lease", lease));

        assertThat(decoded).isEqualTo(json("""
                {"kind":"Lease","apiVersion":"coordination.k8s.io/v1",
                 "metadata":{"name":"leader","creationTimestamp":"2023-11-14T22:13:20Z"},
                 "spec":{"holderIdentity":"node-a","leaseDurationSeconds":15,
                   "renewTime":"2023-11-14T22:13:20.123456Z","leaseTransitions":0}}"""));
    }

    @Test
    void repeatedNumbersPackedOrNotAndNegative() {
        ProtoBytes rule = message().string(1, "FailJob")
                .message(2, message().string(2, "In").packed(3, 1, 2).varint(3, -1));
        ProtoBytes job = message()
                .message(1, objectMeta("j", "demo"))
                .message(2, message().message(11, message().message(1, rule)).varint(7, 0));

        JsonNode decoded = decoder.decode(envelope("batch/v1", "Job", job));

        assertThat(decoded.path("spec")).isEqualTo(json("""
                {"podFailurePolicy":{"rules":[{"action":"FailJob","onExitCodes":{"operator":"In","values":[1,2,-1]}}]},
                 "backoffLimit":0}"""));
    }

    @Test
    void largeInt64AndZeroQuantityMatchTheirJsonForm() {
        ProtoBytes container = message().string(1, "app")
                .message(7, message().string(1, "LIMIT")
                        .message(3, message().message(2, message().string(2, "limits.cpu").message(3, message()))));
        ProtoBytes pod = message()
                .message(1, objectMeta("p", "demo"))
                .message(2, message().message(2, container).varint(5, 5_000_000_000L));

        JsonNode decoded = decoder.decode(envelope("v1", "Pod", pod));

        assertThat(decoded.path("spec")).isEqualTo(json("""
                {"containers":[{"name":"app","env":[{"name":"LIMIT",
                   "valueFrom":{"resourceFieldRef":{"resource":"limits.cpu","divisor":"0"}}}]}],
                 "activeDeadlineSeconds":5000000000}"""));
    }

    @Test
    void managedFieldsCarryTheirJson() {
        ProtoBytes entry = message().string(1, "kubectl").string(2, "Update").string(3, "v1")
                .string(6, "FieldsV1").message(7, message().bytes(1, "{\"f:data\":{}}".getBytes()));
        ProtoBytes configMap = message().message(1, objectMeta("cm", "demo").message(17, entry));

        JsonNode decoded = decoder.decode(envelope("v1", "ConfigMap", configMap));

        assertThat(decoded.path("metadata").path("managedFields")).isEqualTo(json("""
                [{"manager":"kubectl","operation":"Update","apiVersion":"v1","fieldsType":"FieldsV1",
                  "fieldsV1":{"f:data":{}}}]"""));
    }

    @Test
    void bodyWithoutThePrefixIsABadRequest() {
        assertThatThrownBy(() -> decoder.decode("{\"kind\":\"Namespace\"}".getBytes()))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("k8s\\x00");
                });
    }

    @Test
    void truncatedBodyIsABadRequestWithItsCause() {
        byte[] body = envelope("v1", "Namespace", message().message(1, objectMeta("demo", "")));
        byte[] truncated = Arrays.copyOf(body, body.length - 3);

        assertThatThrownBy(() -> decoder.decode(truncated))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.getCause()).isInstanceOf(ProtobufDecodingException.class);
                });
    }

    @Test
    void wrongWireTypeNamesTheField() {
        ProtoBytes deployment = message().message(1, objectMeta("web", "demo")).message(2, message().string(1, "three"));

        assertThatThrownBy(() -> decoder.decode(envelope("apps/v1", "Deployment", deployment)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("spec: malformed DeploymentSpec: field replicas (1) is a int32");
                });
    }

    @Test
    void kindWithoutSchemaIsUnsupported() {
        assertThatThrownBy(() -> decoder.decode(envelope("example.com/v1", "Widget", message())))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(415);
                    assertThat(e.getMessage()).contains("Widget").contains("example.com/v1");
                });
    }

    @Test
    void envelopeWithoutKindIsABadRequest() {
        assertThatThrownBy(() -> decoder.decode(envelope("v1", "", message())))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("Kind");
                });
    }

    /** ObjectMeta as Go writes it: every string and number present even when empty, creationTimestamp unset. */
    private static ProtoBytes objectMeta(String name, String namespace) {
        return message().string(1, name).string(2, "").string(3, namespace).string(4, "").string(5, "").string(6, "")
                .varint(7, 0).message(8, message());
    }

    private JsonNode json(String text) {
        return codec.readTree(text.getBytes(), false);
    }
}
