package dev.keel.api.codec.protobuf;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.codec.ObjectCodec;
import dev.keel.api.status.Statuses;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProtobufEncoderTest {

    private final ObjectCodec codec = new ObjectCodec();
    private final ProtoSchema schema = KubernetesSchema.get();
    private final ProtobufBodyDecoder decoder = new ProtobufBodyDecoder(codec.json());
    private final ProtobufEncoder encoder = new ProtobufEncoder(codec.json());
    private final ProtobufResponses responses = new ProtobufResponses(codec.json());

    @Test
    void everyKindWithEveryFieldSetSurvivesEncodingAndDecoding() {
        for (String key : schema.kinds()) {
            String[] parts = key.split(", Kind=");
            MessageSpec message = schema.kind(parts[0], parts[1]).orElseThrow();
            ObjectNode decoded = decoder.decode(ProtoBytes.envelope(parts[0], parts[1], SampleMessages.filled(schema, message)));

            ProtobufEncoder.Body encoded = encoder.object(parts[0], parts[1], decoded);

            assertThat(encoded.droppedFields()).as(key).isEmpty();
            // The samples leave MicroTimes unset (JSON null); a null is not written, so it comes back absent.
            assertThat((JsonNode) decoder.decode(encoded.bytes())).as(key).isEqualTo(withoutNulls(decoded));
        }
    }

    private static JsonNode withoutNulls(JsonNode node) {
        if (node instanceof ObjectNode object) {
            ObjectNode copy = object.objectNode();
            object.fields().forEachRemaining(entry -> {
                if (!entry.getValue().isNull()) {
                    copy.set(entry.getKey(), withoutNulls(entry.getValue()));
                }
            });
            return copy;
        }
        if (node instanceof com.fasterxml.jackson.databind.node.ArrayNode array) {
            com.fasterxml.jackson.databind.node.ArrayNode copy = array.arrayNode();
            array.forEach(element -> copy.add(withoutNulls(element)));
            return copy;
        }
        return node;
    }

    @Test
    void anObjectIsWrittenAsGoWritesIt() throws Exception {
        ObjectNode configMap = (ObjectNode) codec.json().readTree("""
                {"kind":"ConfigMap","apiVersion":"v1",
                 "metadata":{"name":"web","namespace":"prod","labels":{"z":"1","a":"2"},
                             "creationTimestamp":"2024-05-01T10:00:00Z"},
                 "data":{"k":"v"}}""");

        byte[] expected = ProtoBytes.envelope("v1", "ConfigMap", ProtoBytes.message()
                .message(1, ProtoBytes.message()
                        .string(1, "web")
                        .string(3, "prod")
                        .message(8, ProtoBytes.message().varint(1, 1_714_557_600L).varint(2, 0))
                        .entry(11, "a", "2")
                        .entry(11, "z", "1"))
                .entry(2, "k", "v"));
        assertThat(encoder.object("v1", "ConfigMap", configMap).bytes()).isEqualTo(expected);
    }

    @Test
    void aListCarriesItsMetadataAndItemsWithoutTypeFields() throws Exception {
        ObjectNode item = (ObjectNode) codec.json().readTree(
                "{\"kind\":\"Secret\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"s\"},\"data\":{\"a\":\"AQI=\"},\"type\":\"Opaque\"}");
        ObjectNode listMeta = codec.json().createObjectNode().put("resourceVersion", "42").put("continue", "next");

        byte[] body = encoder.list("v1", "Secret", "SecretList", listMeta, List.of(item, item)).bytes();

        ObjectNode list = responses.decode(body);
        assertThat(list.path("kind").asText()).isEqualTo("SecretList");
        assertThat(list.path("metadata").path("resourceVersion").asText()).isEqualTo("42");
        assertThat(list.path("metadata").path("continue").asText()).isEqualTo("next");
        assertThat(list.path("items")).hasSize(2);
        assertThat(list.path("items").get(0).path("data").path("a").asText()).isEqualTo("AQI=");
        assertThat(list.path("items").get(0).has("kind")).isFalse();
    }

    @Test
    void aStatusIsWrittenAsApiVersionV1WithItsDetails() {
        JsonNode status = codec.json().valueToTree(Statuses.notFound("apps", "deployments", "web").status());

        ObjectNode decoded = responses.decode(encoder.status(status).bytes());

        assertThat(decoded.path("apiVersion").asText()).isEqualTo("v1");
        assertThat(decoded.path("kind").asText()).isEqualTo("Status");
        assertThat(decoded.path("status").asText()).isEqualTo("Failure");
        assertThat(decoded.path("reason").asText()).isEqualTo("NotFound");
        assertThat(decoded.path("code").asInt()).isEqualTo(404);
        assertThat(decoded.path("details").path("name").asText()).isEqualTo("web");
        assertThat(decoded.path("details").path("group").asText()).isEqualTo("apps");
        assertThat(decoded.path("message").asText()).isEqualTo("deployments.apps \"web\" not found");
    }

    @Test
    void aWatchFrameIsALengthPrefixedWatchEventAroundAnEnvelope() throws Exception {
        ObjectNode configMap = (ObjectNode) codec.json().readTree(
                "{\"kind\":\"ConfigMap\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"web\"}}");
        byte[] object = encoder.object("v1", "ConfigMap", configMap).bytes();

        byte[] frame = ProtobufEncoder.watchFrame("ADDED", object);

        byte[] event = ProtoBytes.message().string(1, "ADDED").message(2, ProtoBytes.message().bytes(1, object)).toByteArray();
        assertThat(ByteBuffer.wrap(frame).getInt()).isEqualTo(event.length);
        assertThat(java.util.Arrays.copyOfRange(frame, 4, frame.length)).isEqualTo(event);
        List<ObjectNode> events = responses.watchEvents(frame);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).path("object").path("metadata").path("name").asText()).isEqualTo("web");
    }

    @Test
    void storedFieldsTheSchemaDoesNotKnowAreLeftOutAndNamed() throws Exception {
        ObjectNode configMap = (ObjectNode) codec.json().readTree(
                "{\"kind\":\"ConfigMap\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"web\",\"zz\":1},\"extra\":true}");

        ProtobufEncoder.Body body = encoder.object("v1", "ConfigMap", configMap);

        assertThat(body.droppedFields()).containsExactlyInAnyOrder("metadata.zz", "extra");
        assertThat(decoder.decode(body.bytes()).path("metadata").path("name").asText()).isEqualTo("web");
    }

    @Test
    void deleteOptionsAreReadUnderTheApiVersionOfAnyGroup() {
        for (String apiVersion : List.of("v1", "apps/v1", "meta.k8s.io/v1")) {
            byte[] body = ProtoBytes.envelope(apiVersion, "DeleteOptions", ProtoBytes.message()
                    .varint(1, 0).string(4, "Foreground"));

            ObjectNode options = decoder.decode(body);

            assertThat(options.path("gracePeriodSeconds").asInt(-1)).as(apiVersion).isZero();
            assertThat(options.path("propagationPolicy").asText()).as(apiVersion).isEqualTo("Foreground");
        }
    }
}
