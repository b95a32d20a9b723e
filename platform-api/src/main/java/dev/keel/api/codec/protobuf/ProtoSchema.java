package dev.keel.api.codec.protobuf;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The messages the decoder knows, by full proto name, and the top-level kinds that map to them. */
final class ProtoSchema {

    private final Map<String, MessageSpec> messages;
    private final Map<String, String> kinds;

    ProtoSchema(Map<String, MessageSpec> messages, Map<String, String> kinds) {
        this.messages = Map.copyOf(messages);
        this.kinds = Map.copyOf(kinds);
    }

    MessageSpec message(String name) {
        MessageSpec message = messages.get(name);
        if (message == null) {
            throw new IllegalArgumentException("no message " + name + " in the schema");
        }
        return message;
    }

    /** The message of a top-level object, or empty when this kind has no protobuf schema here. */
    Optional<MessageSpec> kind(String apiVersion, String kind) {
        return Optional.ofNullable(kinds.get(kindKey(apiVersion, kind))).map(this::message);
    }

    /**
     * The options kinds apimachinery registers in every group version (client-go encodes a delete's DeleteOptions in
     * the version of the resource it deletes: {@code v1}, {@code apps/v1}, ...), or empty for other kinds.
     */
    Optional<MessageSpec> optionsKind(String kind) {
        return kind.equals("DeleteOptions")
                ? Optional.of(message("k8s.io.apimachinery.pkg.apis.meta.v1.DeleteOptions")) : Optional.empty();
    }

    Set<String> kinds() {
        return kinds.keySet();
    }

    static String kindKey(String apiVersion, String kind) {
        return apiVersion + ", Kind=" + kind;
    }
}
