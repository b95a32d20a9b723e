package dev.keel.reconciler.revision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A short, stable hash of a pod template, standing in for a ControllerRevision (which platform-api does not serve):
 * the same template always gives the same hash, whatever the order of its map keys.
 */
public final class TemplateHashes {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Kubernetes' safe alphabet for hashes in names and labels: no vowels, so no words. */
    private static final char[] ALPHABET = "bcdfghjklmnpqrstvwxz2456789".toCharArray();

    private TemplateHashes() {
    }

    /** FNV-1a (32 bit) of the template's canonical JSON, written in the safe alphabet. */
    public static String hash(PodTemplateSpec template) {
        JsonNode canonical = canonical(MAPPER.valueToTree(template));
        byte[] bytes = canonical.toString().getBytes(StandardCharsets.UTF_8);
        int hash = 0x811c9dc5;
        for (byte b : bytes) {
            hash ^= b & 0xff;
            hash *= 0x01000193;
        }
        long value = Integer.toUnsignedLong(hash);
        StringBuilder encoded = new StringBuilder();
        do {
            encoded.append(ALPHABET[(int) (value % ALPHABET.length)]);
            value /= ALPHABET.length;
        } while (value > 0);
        return encoded.toString();
    }

    private static JsonNode canonical(JsonNode node) {
        if (node.isObject()) {
            ObjectNode sorted = MAPPER.createObjectNode();
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(String::compareTo);
            for (String name : names) {
                JsonNode value = node.get(name);
                if (!value.isNull()) {
                    sorted.set(name, canonical(value));
                }
            }
            return sorted;
        }
        if (node.isArray()) {
            ArrayNode copy = MAPPER.createArrayNode();
            node.forEach(element -> copy.add(canonical(element)));
            return copy;
        }
        return node;
    }
}
