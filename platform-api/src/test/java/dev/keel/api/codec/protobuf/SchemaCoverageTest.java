package dev.keel.api.codec.protobuf;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.api.codec.ObjectCodec;
import dev.keel.api.resource.BuiltinResources;
import dev.keel.api.resource.ResourceType;
import io.fabric8.kubernetes.api.model.Binding;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import io.fabric8.kubernetes.api.model.policy.v1.Eviction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Checks the hand-written schema against fabric8's model: a body with every schema field set, for every kind, must
 * decode to JSON whose every field name the model knows. A misspelt JSON name, or a scalar where the model expects
 * an object, fails here.
 */
class SchemaCoverageTest {

    /**
     * Newer than fabric8 7.9's model; kept in the schema so the tree matches what the JSON path gets from the same
     * client (where the codec reports them as unknown fields, as it does here).
     */
    private static final Set<String> NEWER_THAN_MODEL = Set.of("Deployment spec.podReplacementPolicy");

    /** Kinds served in JSON only (a protobuf Accept gets JSON, the next type kubectl and client-go offer). */
    private static final Set<String> JSON_ONLY = Set.of("apiextensions.k8s.io/v1 CustomResourceDefinition");

    private final ObjectCodec codec = new ObjectCodec();
    private final ProtoSchema schema = KubernetesSchema.get();
    private final ProtobufBodyDecoder decoder = new ProtobufBodyDecoder(codec.json());

    @Test
    void everyKindPlatformApiServesHasASchema() {
        for (ResourceType type : BuiltinResources.registry().all()) {
            if (JSON_ONLY.contains(type.apiVersion() + " " + type.kind())) {
                continue;
            }
            assertThat(schema.kind(type.apiVersion(), type.kind())).as(type.apiVersion() + " " + type.kind()).isPresent();
        }
    }

    @Test
    void everySchemaFieldIsAFieldOfTheModel() {
        Map<String, Class<?>> models = new LinkedHashMap<>();
        for (ResourceType type : BuiltinResources.registry().all()) {
            if (JSON_ONLY.contains(type.apiVersion() + " " + type.kind())) {
                continue;
            }
            models.put(ProtoSchema.kindKey(type.apiVersion(), type.kind()), type.modelClass());
        }
        models.put(ProtoSchema.kindKey("v1", "Binding"), Binding.class);
        models.put(ProtoSchema.kindKey("policy/v1", "Eviction"), Eviction.class);
        models.put(ProtoSchema.kindKey("policy/v1beta1", "Eviction"), Eviction.class);
        models.put(ProtoSchema.kindKey("autoscaling/v1", "Scale"), Scale.class);
        assertThat(models.keySet()).containsExactlyInAnyOrderElementsOf(schema.kinds());

        Set<String> unknown = new TreeSet<>();
        models.forEach((key, model) -> {
            String[] parts = key.split(", Kind=");
            MessageSpec message = schema.kind(parts[0], parts[1]).orElseThrow();
            byte[] body = ProtoBytes.envelope(parts[0], parts[1], SampleMessages.filled(schema, message));
            JsonNode decoded = decoder.decode(body);
            List<String> paths = new ArrayList<>();
            codec.toModel(decoded, model, parts[1], parts[0], paths);
            paths.forEach(path -> unknown.add(parts[1] + " " + path));
        });
        unknown.removeAll(NEWER_THAN_MODEL);
        assertThat(unknown).isEmpty();
    }
}
