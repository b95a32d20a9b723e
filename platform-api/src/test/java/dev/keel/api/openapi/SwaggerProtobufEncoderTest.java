package dev.keel.api.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;
import dev.keel.api.resource.BuiltinResources;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reads the encoding back field by field, with gnostic's OpenAPIv2.proto numbers. */
class SwaggerProtobufEncoderTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void encodesPathsOperationsAndQueryParameters() throws Exception {
        ObjectNode document = (ObjectNode) json.readTree("""
                {"swagger":"2.0","info":{"title":"Kubernetes","version":"v1.33.0"},
                 "paths":{"/api/v1/namespaces/{namespace}/pods/{name}":{
                   "patch":{"operationId":"patchCoreV1NamespacedPod","consumes":["application/merge-patch+json"],
                     "parameters":[{"name":"body","in":"body","required":true,"schema":{"$ref":"#/definitions/P"}},
                                   {"name":"fieldValidation","in":"query","type":"string","uniqueItems":true}],
                     "responses":{"200":{"description":"OK","schema":{"$ref":"#/definitions/P"}}},
                     "x-kubernetes-action":"patch",
                     "x-kubernetes-group-version-kind":{"group":"","kind":"Pod","version":"v1"}},
                   "parameters":[{"name":"name","in":"path","type":"string","required":true,"uniqueItems":true}]}},
                 "definitions":{"P":{}}}
                """);
        UnknownFieldSet root = UnknownFieldSet.parseFrom(SwaggerProtobufEncoder.encode(document));

        assertThat(string(root, 1)).isEqualTo("2.0");
        assertThat(string(message(root, 2), 2)).isEqualTo("v1.33.0");
        UnknownFieldSet namedPath = message(message(root, 8), 2);
        assertThat(string(namedPath, 1)).isEqualTo("/api/v1/namespaces/{namespace}/pods/{name}");
        UnknownFieldSet pathItem = message(namedPath, 2);

        UnknownFieldSet pathParameter = message(message(message(message(pathItem, 9), 1), 2), 4);
        assertThat(string(pathParameter, 4)).isEqualTo("name");
        assertThat(pathParameter.getField(1).getVarintList()).containsExactly(1L);
        assertThat(string(pathParameter, 5)).isEqualTo("string");

        UnknownFieldSet patch = message(pathItem, 8);
        assertThat(string(patch, 5)).isEqualTo("patchCoreV1NamespacedPod");
        assertThat(string(patch, 7)).isEqualTo("application/merge-patch+json");
        List<ByteString> parameters = patch.getField(8).getLengthDelimitedList();
        assertThat(parameters).hasSize(2);
        UnknownFieldSet body = message(message(UnknownFieldSet.parseFrom(parameters.get(0)), 1), 1);
        assertThat(string(body, 2)).isEqualTo("body");
        assertThat(string(message(body, 5), 1)).isEqualTo("#/definitions/P");
        UnknownFieldSet query = message(message(message(UnknownFieldSet.parseFrom(parameters.get(1)), 1), 2), 3);
        assertThat(string(query, 4)).isEqualTo("fieldValidation");
        assertThat(string(query, 6)).isEqualTo("string");

        UnknownFieldSet response = message(message(message(message(patch, 9), 1), 2), 1);
        assertThat(string(response, 1)).isEqualTo("OK");
        List<ByteString> extensions = patch.getField(13).getLengthDelimitedList();
        UnknownFieldSet gvk = UnknownFieldSet.parseFrom(extensions.get(1));
        assertThat(string(gvk, 1)).isEqualTo("x-kubernetes-group-version-kind");
        assertThat(string(message(gvk, 2), 2)).isEqualTo("{\"group\":\"\",\"kind\":\"Pod\",\"version\":\"v1\"}");
    }

    @Test
    void encodesSchemas() throws Exception {
        ObjectNode document = (ObjectNode) json.readTree("""
                {"definitions":{"C":{"required":["name"],"properties":{
                   "name":{"type":"string"},
                   "ports":{"type":"array","items":{"$ref":"#/definitions/P"},"x-kubernetes-patch-merge-key":"containerPort"},
                   "labels":{"type":"object","additionalProperties":{"type":"string"}}}}}}
                """);
        UnknownFieldSet root = UnknownFieldSet.parseFrom(SwaggerProtobufEncoder.encode(document));
        UnknownFieldSet named = message(message(root, 9), 1);
        assertThat(string(named, 1)).isEqualTo("C");
        UnknownFieldSet schema = message(named, 2);
        assertThat(string(schema, 19)).isEqualTo("name");
        List<ByteString> properties = UnknownFieldSet.parseFrom(schema.getField(25).getLengthDelimitedList().get(0))
                .getField(1).getLengthDelimitedList();
        assertThat(properties).hasSize(3);
        UnknownFieldSet name = message(UnknownFieldSet.parseFrom(properties.get(0)), 2);
        assertThat(string(message(name, 22), 1)).isEqualTo("string");
        UnknownFieldSet ports = message(UnknownFieldSet.parseFrom(properties.get(1)), 2);
        assertThat(string(message(message(ports, 23), 1), 1)).isEqualTo("#/definitions/P");
        assertThat(string(message(ports, 31), 1)).isEqualTo("x-kubernetes-patch-merge-key");
        UnknownFieldSet labels = message(UnknownFieldSet.parseFrom(properties.get(2)), 2);
        assertThat(string(message(message(message(labels, 21), 1), 22), 1)).isEqualTo("string");
    }

    @Test
    void refusesWhatItCannotEncode() throws Exception {
        ObjectNode document = (ObjectNode) json.readTree("{\"definitions\":{\"C\":{\"discriminator\":\"k\"}}}");
        assertThatThrownBy(() -> SwaggerProtobufEncoder.encode(document)).hasMessageContaining("discriminator");
    }

    @Test
    void encodesTheValidationKeywordsOfCustomResourceSchemas() throws Exception {
        ObjectNode document = (ObjectNode) json.readTree("{\"definitions\":{\"C\":{\"type\":\"integer\",\"minimum\":0,"
                + "\"maximum\":10,\"default\":1,\"enum\":[1,2],\"pattern\":\"^a\",\"maxLength\":3}}}");
        UnknownFieldSet definitions = message(UnknownFieldSet.parseFrom(SwaggerProtobufEncoder.encode(document)), 9);
        UnknownFieldSet schema = message(message(definitions, 1), 2);
        assertThat(Double.longBitsToDouble(schema.getField(7).getFixed64List().get(0))).isEqualTo(10.0);
        assertThat(schema.getField(11).getVarintList()).containsExactly(3L);
        assertThat(schema.getField(20).getLengthDelimitedList()).hasSize(2);
        assertThat(string(message(schema, 5), 2)).isEqualTo("1");
        assertThat(string(schema, 13)).isEqualTo("^a");
    }

    @Test
    void encodesTheWholeServedDocument() throws Exception {
        ObjectNode swagger = SwaggerDocument.build(BuiltinResources.registry(), "v1.33.0");
        UnknownFieldSet root = UnknownFieldSet.parseFrom(SwaggerProtobufEncoder.encode(swagger));
        assertThat(message(root, 8).getField(2).getLengthDelimitedList()).hasSize(swagger.path("paths").size());
        assertThat(message(root, 9).getField(1).getLengthDelimitedList()).hasSize(swagger.path("definitions").size());
    }

    private static UnknownFieldSet message(UnknownFieldSet set, int field) throws InvalidProtocolBufferException {
        List<ByteString> values = set.getField(field).getLengthDelimitedList();
        assertThat(values).as("field %d", field).isNotEmpty();
        return UnknownFieldSet.parseFrom(values.get(0));
    }

    private static String string(UnknownFieldSet set, int field) {
        List<ByteString> values = set.getField(field).getLengthDelimitedList();
        assertThat(values).as("field %d", field).isNotEmpty();
        return values.get(0).toStringUtf8();
    }
}
