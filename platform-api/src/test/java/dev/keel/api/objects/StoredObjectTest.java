package dev.keel.api.objects;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keel.api.codec.ObjectCodec;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StoredObjectTest {

    private static final ObjectCodec CODEC = new ObjectCodec();

    private static StoredObject stored(String json, long revision) {
        return new StoredObject("/registry/configmaps/ns/c", json.getBytes(StandardCharsets.UTF_8), revision, CODEC);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\",\"uid\":\"u\"},\"data\":{\"metadata\":{\"x\":\"y\"}}}",
        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{},\"data\":{}}",
        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"data\":{\"k\":\"v\"}}",
    })
    void splicedJsonEqualsTheParsedObject(String json) throws Exception {
        StoredObject object = stored(json, 42);

        JsonNode spliced = new ObjectMapper().readTree(object.json());

        assertThat(spliced).isEqualTo(stored(json, 42).object());
        assertThat(spliced.path("metadata").path("resourceVersion").asText()).isEqualTo("42");
    }
}
