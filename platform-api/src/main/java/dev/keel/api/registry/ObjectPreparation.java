package dev.keel.api.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.resource.ResourceType;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The metadata and status rules of Kubernetes' registry strategies: what the server sets on create, what
 * an update may not change, which half of the object (spec or status) each endpoint writes, and when the
 * generation moves.
 */
public class ObjectPreparation {

    private static final String[] SERVER_OWNED_METADATA = {"uid", "creationTimestamp", "deletionTimestamp",
            "deletionGracePeriodSeconds", "generation"};

    private final Clock clock;

    public ObjectPreparation(Clock clock) {
        this.clock = clock;
    }

    public String now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    public Instant instant() {
        return Instant.now(clock);
    }

    /** Server-set metadata and initial status of a new object. */
    public void prepareForCreate(ResourceType type, ObjectNode object) {
        ObjectNode metadata = object.withObjectProperty("metadata");
        metadata.put("uid", UUID.randomUUID().toString());
        metadata.put("creationTimestamp", now());
        metadata.put("generation", 1);
        metadata.remove("deletionTimestamp");
        metadata.remove("deletionGracePeriodSeconds");
        if (type.hasSubresource("status")) {
            object.remove("status");
        }
        switch (type.kind()) {
            case "Pod" -> object.withObjectProperty("status").put("phase", "Pending");
            case "Namespace" -> {
                object.withObjectProperty("status").put("phase", "Active");
                ObjectNode spec = object.withObjectProperty("spec");
                if (!spec.has("finalizers")) {
                    spec.putArray("finalizers").add("kubernetes");
                }
            }
            case "PersistentVolumeClaim" -> object.withObjectProperty("status").put("phase", "Pending");
            default -> {
            }
        }
    }

    /**
     * Turns what the client sent into what may be stored: server-owned metadata comes from {@code current};
     * a write to the main resource keeps the stored status and a write to {@code status} keeps the stored
     * spec and metadata. The generation is settled after admission ({@link #updateGeneration}).
     */
    public ObjectNode prepareForUpdate(ResourceType type, String subresource, ObjectNode desired, ObjectNode current) {
        ObjectNode result;
        if ("status".equals(subresource)) {
            result = current.deepCopy();
            JsonNode status = desired.get("status");
            if (status == null || status.isNull()) {
                result.remove("status");
            } else {
                result.set("status", status.deepCopy());
            }
            return result;
        }
        if ("ephemeralcontainers".equals(subresource)) {
            // Only the ephemeral containers change through this subresource, as in Kubernetes' strategy.
            result = current.deepCopy();
            JsonNode ephemeral = desired.path("spec").get("ephemeralContainers");
            if (ephemeral == null || ephemeral.isNull()) {
                result.withObjectProperty("spec").remove("ephemeralContainers");
            } else {
                result.withObjectProperty("spec").set("ephemeralContainers", ephemeral.deepCopy());
            }
            return result;
        }
        if ("finalize".equals(subresource)) {
            result = current.deepCopy();
            JsonNode finalizers = desired.path("spec").get("finalizers");
            if (finalizers == null || finalizers.isNull()) {
                result.withObjectProperty("spec").remove("finalizers");
            } else {
                result.withObjectProperty("spec").set("finalizers", finalizers.deepCopy());
            }
            return result;
        }
        result = desired.deepCopy();
        // A binding is written by the server itself and sets spec and status together.
        boolean wholeObject = "binding".equals(subresource);
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
        if (!wholeObject && (type.hasSubresource("status") || type.kind().equals("Namespace"))) {
            JsonNode status = current.get("status");
            if (status == null) {
                result.remove("status");
            } else {
                result.set("status", status.deepCopy());
            }
        }
        return result;
    }

    /**
     * Moves the generation when the spec changed. Runs on the admitted object, so fields the client left out
     * and defaulting filled back in, or unknown fields that were dropped, do not count as changes.
     */
    public void updateGeneration(ObjectNode updated, ObjectNode current) {
        long generation = current.path("metadata").path("generation").asLong(0);
        boolean specChanged = !sameTree(current.get("spec"), updated.get("spec"));
        updated.withObjectProperty("metadata").put("generation", specChanged ? generation + 1 : generation);
    }

    /** Whether a write would change nothing but the resourceVersion. */
    public static boolean sameContent(ObjectNode a, ObjectNode b) {
        ObjectNode left = a.deepCopy();
        ObjectNode right = b.deepCopy();
        left.withObjectProperty("metadata").remove("resourceVersion");
        right.withObjectProperty("metadata").remove("resourceVersion");
        return sameTree(left, right);
    }

    private static boolean sameTree(JsonNode a, JsonNode b) {
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
