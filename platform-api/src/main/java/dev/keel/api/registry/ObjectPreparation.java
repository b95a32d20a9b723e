package dev.keel.api.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.resource.ResourceType;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Applies the kind's {@link KindStrategy} to writes, as the generic registry of kube-apiserver applies its
 * strategies: what the server sets on create, what an update may not change, which half of the object (spec or
 * status) each endpoint writes, and when the generation moves.
 */
public class ObjectPreparation {

    private static final String[] SERVER_OWNED_METADATA = {"uid", "creationTimestamp", "deletionTimestamp",
            "deletionGracePeriodSeconds", "generation"};

    private final Clock clock;
    private final KindStrategies strategies;

    public ObjectPreparation(Clock clock, KindStrategies strategies) {
        this.clock = clock;
        this.strategies = strategies;
    }

    public String now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    public Instant instant() {
        return Instant.now(clock);
    }

    /** The strategy of {@code type}. */
    public KindStrategy strategy(ResourceType type) {
        return strategies.of(type);
    }

    /** Server-set metadata and the initial status of a new object, as the kind's strategy has it. */
    public void prepareForCreate(ResourceType type, ObjectNode object) {
        KindStrategy strategy = strategies.of(type);
        ObjectNode metadata = object.withObjectProperty("metadata");
        metadata.put("uid", UUID.randomUUID().toString());
        metadata.put("creationTimestamp", now());
        metadata.put("generation", 1);
        metadata.remove("deletionTimestamp");
        metadata.remove("deletionGracePeriodSeconds");
        if (strategy.separateStatus()) {
            object.remove("status");
        }
        strategy.prepareForCreate(object);
    }

    /**
     * Turns what the client sent into what may be stored: a write through a subresource is narrowed by the kind's
     * {@link SubresourceWrite}; a write to the main resource takes server-owned metadata from {@code current} and,
     * when the kind's status is separate, the stored status. The generation is settled after admission
     * ({@link #updateGeneration}).
     */
    public ObjectNode prepareForUpdate(ResourceType type, String subresource, ObjectNode desired, ObjectNode current) {
        KindStrategy strategy = strategies.of(type);
        java.util.Optional<SubresourceWrite> write = strategy.subresourceWrite(subresource);
        if (write.isPresent()) {
            return write.get().prepare(desired, current);
        }
        ObjectNode result = keepServerMetadata(desired.deepCopy(), current);
        if (strategy.separateStatus()) {
            JsonNode status = current.get("status");
            if (status == null) {
                result.remove("status");
            } else {
                result.set("status", status.deepCopy());
            }
        }
        return result;
    }

    /** Copies the server-owned metadata of {@code current} into {@code result} (and drops what it lacks). */
    static ObjectNode keepServerMetadata(ObjectNode result, ObjectNode current) {
        ObjectNode metadata = result.withObjectProperty("metadata");
        JsonNode currentMetadata = current.path("metadata");
        for (String field : SERVER_OWNED_METADATA) {
            JsonNode value = currentMetadata.get(field);
            if (value == null) {
                metadata.remove(field);
            } else {
                metadata.set(field, value.deepCopy());
            }
        }
        return result;
    }

    /**
     * Moves the generation when the kind's {@link GenerationRule} says so. Runs on the admitted object, so fields the
     * client left out and defaulting filled back in, or unknown fields that were dropped, do not count as changes.
     */
    public void updateGeneration(ResourceType type, ObjectNode updated, ObjectNode current) {
        long generation = current.path("metadata").path("generation").asLong(0);
        boolean moves = strategies.of(type).generation().moves(current, updated);
        updated.withObjectProperty("metadata").put("generation", moves ? generation + 1 : generation);
    }

    /** Whether a write would change nothing but the resourceVersion. */
    public static boolean sameContent(ObjectNode a, ObjectNode b) {
        ObjectNode left = a.deepCopy();
        ObjectNode right = b.deepCopy();
        left.withObjectProperty("metadata").remove("resourceVersion");
        right.withObjectProperty("metadata").remove("resourceVersion");
        return sameTree(left, right);
    }

    static boolean sameTree(JsonNode a, JsonNode b) {
        return a == null || b == null ? a == b : a.equals(NUMBERS_BY_VALUE, b);
    }

    /** Model conversion yields long nodes where parsing yields int nodes: equal numbers must compare equal. */
    private static final java.util.Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    };
}
