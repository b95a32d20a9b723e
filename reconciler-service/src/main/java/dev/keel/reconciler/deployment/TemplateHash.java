package dev.keel.reconciler.deployment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.nio.charset.StandardCharsets;

/**
 * The {@code pod-template-hash}: FNV-1a (32 bit) of the template's canonical JSON and the collision count, written
 * with Kubernetes' safe alphabet (no vowels, no look-alikes), so names read like Kubernetes' ({@code web-7c5ddbdf54}).
 * Also decides whether a ReplicaSet's template is a Deployment's, ignoring the hash label.
 */
final class TemplateHash {

    static final String LABEL = "pod-template-hash";
    private static final String SAFE = "bcdfghjklmnpqrstvwxz2456789";
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .configure(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true)
            .build();

    private TemplateHash() {
    }

    static String of(PodTemplateSpec template, int collisionCount) {
        int hash = 0x811c9dc5;
        byte[] bytes = canonical(template).getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            hash ^= b & 0xff;
            hash *= 0x01000193;
        }
        if (collisionCount > 0) {
            for (int shift = 0; shift < 32; shift += 8) {
                hash ^= (collisionCount >>> shift) & 0xff;
                hash *= 0x01000193;
            }
        }
        String decimal = Long.toString(Integer.toUnsignedLong(hash));
        StringBuilder encoded = new StringBuilder(decimal.length());
        for (char c : decimal.toCharArray()) {
            encoded.append(SAFE.charAt(c % SAFE.length()));
        }
        return encoded.toString();
    }

    /** Whether two templates are the same once the hash label is left out of both. */
    static boolean sameTemplate(PodTemplateSpec a, PodTemplateSpec b) {
        return withoutHash(a).equals(withoutHash(b));
    }

    private static JsonNode withoutHash(PodTemplateSpec template) {
        ObjectNode node = CANONICAL.valueToTree(template);
        JsonNode labels = node.path("metadata").path("labels");
        if (labels instanceof ObjectNode labelNode) {
            labelNode.remove(LABEL);
            if (labelNode.isEmpty()) {
                ((ObjectNode) node.get("metadata")).remove("labels");
            }
        }
        return node;
    }

    private static String canonical(PodTemplateSpec template) {
        try {
            return CANONICAL.writeValueAsString(CANONICAL.treeToValue(withoutHash(template), Object.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a pod template", e);
        }
    }
}
