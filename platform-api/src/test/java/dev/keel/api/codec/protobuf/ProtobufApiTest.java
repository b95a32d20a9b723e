package dev.keel.api.codec.protobuf;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.testing.ApiServerTest;
import dev.keel.api.testing.TestApiClient;
import dev.keel.api.testing.TestApiClient.BinaryResponse;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The protobuf wire as client-go speaks it, with bodies built field by field: request bodies of every verb, answers
 * when Accept prefers protobuf (objects, lists, Status errors, watch frames), JSON otherwise and for tables.
 */
class ProtobufApiTest extends ApiServerTest {

    private static final String PROTOBUF = "application/vnd.kubernetes.protobuf";
    /** What client-go sends for typed clients of built-in kinds. */
    private static final String GO_ACCEPT = "application/vnd.kubernetes.protobuf, */*";

    private final ObjectMapper json = new ObjectMapper();
    private final ProtobufResponses responses = new ProtobufResponses(json);

    @Test
    void aDeleteWithProtobufDeleteOptionsDeletesTheObject() {
        String namespace = createNamespace("pb-delete");
        String path = "/api/v1/namespaces/" + namespace + "/secrets";
        assertThat(api().post(path, secret("sh.helm.release.v1.demo.v1")).status()).isEqualTo(201);
        // client-go's Secrets(ns).Delete(ctx, name, metav1.DeleteOptions{}): an empty DeleteOptions in version v1.
        byte[] options = ProtoBytes.envelope("v1", "DeleteOptions", ProtoBytes.message());

        BinaryResponse deleted = api().exchangeBytes("DELETE", path + "/sh.helm.release.v1.demo.v1", options, PROTOBUF,
                "Accept", GO_ACCEPT);

        assertThat(deleted.status()).as(new String(deleted.body())).isEqualTo(200);
        assertThat(deleted.header("Content-Type")).isEqualTo(PROTOBUF);
        assertThat(responses.decode(deleted.body()).path("status").asText()).isEqualTo("Success");
        assertThat(api().get(path + "/sh.helm.release.v1.demo.v1").status()).isEqualTo(404);
    }

    @Test
    void deleteOptionsInProtobufCarryTheirPolicyAndPreconditions() {
        String namespace = createNamespace("pb-precondition");
        String path = "/api/v1/namespaces/" + namespace + "/configmaps";
        assertThat(api().post(path, "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\"}}").status())
                .isEqualTo(201);
        byte[] wrongUid = ProtoBytes.envelope("v1", "DeleteOptions", ProtoBytes.message()
                .message(2, ProtoBytes.message().string(1, "not-the-uid")).string(4, "Background"));

        BinaryResponse refused = api().exchangeBytes("DELETE", path + "/c", wrongUid, PROTOBUF, "Accept", GO_ACCEPT);

        assertThat(refused.status()).isEqualTo(409);
        ObjectNode status = responses.decode(refused.body());
        assertThat(status.path("kind").asText()).isEqualTo("Status");
        assertThat(status.path("reason").asText()).isEqualTo("Conflict");
        assertThat(api().get(path + "/c").status()).isEqualTo(200);
    }

    @Test
    void aDeleteCollectionTakesProtobufDeleteOptions() {
        String namespace = createNamespace("pb-collection");
        String path = "/api/v1/namespaces/" + namespace + "/configmaps";
        for (String name : new String[] {"a", "b"}) {
            api().post(path, "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name + "\"}}");
        }

        BinaryResponse deleted = api().exchangeBytes("DELETE", path,
                ProtoBytes.envelope("v1", "DeleteOptions", ProtoBytes.message()), PROTOBUF, "Accept", GO_ACCEPT);

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(api().get(path).json().path("items")).isEmpty();
    }

    @Test
    void createGetListAndUpdateSpeakProtobufBothWays() {
        String namespace = createNamespace("pb-crud");
        String path = "/api/v1/namespaces/" + namespace + "/configmaps";
        byte[] configMap = ProtoBytes.envelope("v1", "ConfigMap", ProtoBytes.message()
                .message(1, ProtoBytes.message().string(1, "settings").entry(11, "app", "web"))
                .entry(2, "mode", "fast"));

        BinaryResponse created = api().exchangeBytes("POST", path, configMap, PROTOBUF, "Accept", GO_ACCEPT);

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Content-Type")).isEqualTo(PROTOBUF);
        ObjectNode object = responses.decode(created.body());
        assertThat(object.path("metadata").path("uid").asText()).isNotEmpty();
        assertThat(object.path("metadata").path("creationTimestamp").asText()).isNotEmpty();
        assertThat(object.path("data").path("mode").asText()).isEqualTo("fast");

        ObjectNode fetched = responses.decode(api().exchangeBytes("GET", path + "/settings", null, null,
                "Accept", GO_ACCEPT).body());
        assertThat(fetched.path("metadata").path("labels").path("app").asText()).isEqualTo("web");

        BinaryResponse list = api().exchangeBytes("GET", path + "?labelSelector=app%3Dweb", null, null, "Accept", GO_ACCEPT);
        ObjectNode decodedList = responses.decode(list.body());
        assertThat(decodedList.path("kind").asText()).isEqualTo("ConfigMapList");
        assertThat(decodedList.path("metadata").path("resourceVersion").asText()).isNotEmpty();
        assertThat(decodedList.path("items")).hasSize(1);

        byte[] update = ProtoBytes.envelope("v1", "ConfigMap", ProtoBytes.message()
                .message(1, ProtoBytes.message().string(1, "settings")
                        .string(6, fetched.path("metadata").path("resourceVersion").asText()))
                .entry(2, "mode", "slow"));
        BinaryResponse updated = api().exchangeBytes("PUT", path + "/settings", update, PROTOBUF, "Accept", GO_ACCEPT);
        assertThat(updated.status()).isEqualTo(200);
        assertThat(responses.decode(updated.body()).path("data").path("mode").asText()).isEqualTo("slow");
    }

    @Test
    void aPatchAnswersProtobufWhenPreferred() {
        String namespace = createNamespace("pb-patch");
        String path = "/api/v1/namespaces/" + namespace + "/configmaps";
        api().post(path, "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\"}}");

        BinaryResponse patched = api().exchangeBytes("PATCH", path + "/c", "{\"data\":{\"k\":\"v\"}}".getBytes(),
                "application/merge-patch+json", "Accept", GO_ACCEPT);

        assertThat(patched.status()).isEqualTo(200);
        assertThat(responses.decode(patched.body()).path("data").path("k").asText()).isEqualTo("v");
    }

    @Test
    void theScaleAndStatusSubresourcesTakeAndAnswerProtobuf() {
        String namespace = createNamespace("pb-scale");
        String path = "/apis/apps/v1/namespaces/" + namespace + "/deployments";
        api().post(path, """
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d"},
                 "spec":{"replicas":1,"selector":{"matchLabels":{"app":"d"}},
                 "template":{"metadata":{"labels":{"app":"d"}},"spec":{"containers":[{"name":"c","image":"i"}]}}}}""");

        byte[] scale = ProtoBytes.envelope("autoscaling/v1", "Scale", ProtoBytes.message()
                .message(1, ProtoBytes.message().string(1, "d"))
                .message(2, ProtoBytes.message().varint(1, 3)));
        BinaryResponse scaled = api().exchangeBytes("PUT", path + "/d/scale", scale, PROTOBUF, "Accept", GO_ACCEPT);

        assertThat(scaled.status()).as(new String(scaled.body())).isEqualTo(200);
        ObjectNode answer = responses.decode(scaled.body());
        assertThat(answer.path("kind").asText()).isEqualTo("Scale");
        assertThat(answer.path("spec").path("replicas").asInt()).isEqualTo(3);

        ObjectNode current = responses.decode(api().exchangeBytes("GET", path + "/d", null, null, "Accept", GO_ACCEPT).body());
        byte[] status = ProtoBytes.envelope("apps/v1", "Deployment", ProtoBytes.message()
                .message(1, ProtoBytes.message().string(1, "d")
                        .string(6, current.path("metadata").path("resourceVersion").asText()))
                .message(3, ProtoBytes.message().varint(1, 1).varint(2, 3)));
        BinaryResponse statusUpdated = api().exchangeBytes("PUT", path + "/d/status", status, PROTOBUF, "Accept", GO_ACCEPT);
        assertThat(statusUpdated.status()).as(new String(statusUpdated.body())).isEqualTo(200);
        assertThat(responses.decode(statusUpdated.body()).path("status").path("replicas").asInt()).isEqualTo(3);
    }

    @Test
    void bindingAndEvictionTakeProtobufBodies() {
        String namespace = createNamespace("pb-pod");
        String path = "/api/v1/namespaces/" + namespace + "/pods";
        api().post(path, "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\"},"
                + "\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"i\"}]}}");

        byte[] binding = ProtoBytes.envelope("v1", "Binding", ProtoBytes.message()
                .message(1, ProtoBytes.message().string(1, "p"))
                .message(2, ProtoBytes.message().string(1, "Node").string(3, "node-1")));
        BinaryResponse bound = api().exchangeBytes("POST", path + "/p/binding", binding, PROTOBUF, "Accept", GO_ACCEPT);
        assertThat(bound.status()).as(new String(bound.body())).isEqualTo(201);
        assertThat(responses.decode(bound.body()).path("status").asText()).isEqualTo("Success");
        assertThat(api().get(path + "/p").json().path("spec").path("nodeName").asText()).isEqualTo("node-1");

        byte[] eviction = ProtoBytes.envelope("policy/v1", "Eviction", ProtoBytes.message()
                .message(1, ProtoBytes.message().string(1, "p"))
                .message(2, ProtoBytes.message().varint(1, 0)));
        BinaryResponse evicted = api().exchangeBytes("POST", path + "/p/eviction", eviction, PROTOBUF, "Accept", GO_ACCEPT);
        assertThat(evicted.status()).as(new String(evicted.body())).isEqualTo(201);
        assertThat(api().get(path + "/p").status()).isEqualTo(404);
    }

    @Test
    void errorsAreProtobufStatusesWhenProtobufIsPreferred() {
        BinaryResponse missing = api().exchangeBytes("GET", "/api/v1/namespaces/default/secrets/none", null, null,
                "Accept", GO_ACCEPT);

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.header("Content-Type")).isEqualTo(PROTOBUF);
        ObjectNode status = responses.decode(missing.body());
        assertThat(status.path("reason").asText()).isEqualTo("NotFound");
        assertThat(status.path("code").asInt()).isEqualTo(404);
        assertThat(status.path("details").path("name").asText()).isEqualTo("none");
    }

    @Test
    void jsonStaysTheDefaultAndTablesStayJsonWithTheirMediaType() throws Exception {
        String path = "/api/v1/namespaces/default/configmaps";
        assertThat(api().get(path).header("Content-Type")).isEqualTo("application/json");
        assertThat(api().get(path, "application/json, */*").header("Content-Type")).isEqualTo("application/json");

        TestApiClient.Response table = api().get(path, "application/vnd.kubernetes.protobuf;as=Table;v=v1;g=meta.k8s.io,"
                + "application/json;as=Table;v=v1;g=meta.k8s.io,application/json");
        assertThat(table.status()).isEqualTo(200);
        assertThat(table.header("Content-Type")).isEqualTo("application/json;as=Table;v=v1;g=meta.k8s.io");
        assertThat(table.json().path("kind").asText()).isEqualTo("Table");

        TestApiClient.Response metadata = api().get(path, "application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io");
        assertThat(metadata.header("Content-Type"))
                .isEqualTo("application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io");
    }

    @Test
    void aWatchStreamsLengthPrefixedWatchEvents() throws Exception {
        String namespace = createNamespace("pb-watch");
        String path = "/api/v1/namespaces/" + namespace + "/configmaps";
        HttpResponse<InputStream> watch = api().stream(path + "?watch=true&resourceVersion=0&timeoutSeconds=30",
                "Accept", GO_ACCEPT);
        assertThat(watch.statusCode()).isEqualTo(200);
        assertThat(watch.headers().firstValue("Content-Type")).hasValue(PROTOBUF + ";stream=watch");
        BlockingQueue<ObjectNode> events = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> readFrames(watch.body(), events), "protobuf-watch-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            api().post(path, "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"seen\"},"
                    + "\"data\":{\"k\":\"v\"}}");

            ObjectNode event = events.poll(20, TimeUnit.SECONDS);
            while (event != null && !event.path("type").asText().equals("ADDED")) {
                event = events.poll(20, TimeUnit.SECONDS);
            }
            assertThat(event).isNotNull();
            assertThat(event.path("object").path("kind").asText()).isEqualTo("ConfigMap");
            assertThat(event.path("object").path("apiVersion").asText()).isEqualTo("v1");
            assertThat(event.path("object").path("metadata").path("name").asText()).isEqualTo("seen");
            assertThat(event.path("object").path("data").path("k").asText()).isEqualTo("v");
        } finally {
            watch.body().close();
        }
    }

    private void readFrames(InputStream stream, BlockingQueue<ObjectNode> events) {
        try (DataInputStream in = new DataInputStream(stream)) {
            while (true) {
                int length = in.readInt();
                byte[] frame = in.readNBytes(length);
                byte[] prefixed = new byte[length + 4];
                prefixed[0] = (byte) (length >>> 24);
                prefixed[1] = (byte) (length >>> 16);
                prefixed[2] = (byte) (length >>> 8);
                prefixed[3] = (byte) length;
                System.arraycopy(frame, 0, prefixed, 4, length);
                events.addAll(responses.watchEvents(prefixed));
            }
        } catch (IOException e) {
            // The watch ended or the test closed it.
        }
    }

    private static String secret(String name) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"" + name + "\",\"labels\":{\"owner\":\"helm\"}},"
                + "\"type\":\"helm.sh/release.v1\",\"data\":{\"release\":\"AAEC\"}}";
    }
}
