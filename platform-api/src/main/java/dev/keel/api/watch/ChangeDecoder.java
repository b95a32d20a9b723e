package dev.keel.api.watch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.codec.ObjectCodec;
import dev.keel.api.objects.ObjectStorage;
import dev.keel.api.resource.ResourceRegistry;
import dev.keel.api.resource.ResourceType;
import dev.keel.api.store.StoreEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns store changes into API changes: which type a key belongs to, and the objects before and after. */
public class ChangeDecoder {

    private static final Logger log = LoggerFactory.getLogger(ChangeDecoder.class);

    private final ObjectStorage storage;
    private final ObjectCodec codec;
    private final ResourceRegistry registry;

    public ChangeDecoder(ObjectStorage storage, ObjectCodec codec, ResourceRegistry registry) {
        this.storage = storage;
        this.codec = codec;
        this.registry = registry;
    }

    /** The API change for {@code event}, or null for keys that hold no served object. */
    public ChangeEvent decode(StoreEvent event) {
        ResourceType type = typeOf(event.key());
        if (type == null) {
            return null;
        }
        try {
            ObjectNode previous = event.previousValue() == null ? null : storage.decode(event.previousValue(), event.revision());
            ChangeEvent.Type changeType;
            ObjectNode object;
            if (event.type() == StoreEvent.Type.DELETE) {
                if (previous == null) {
                    return null;
                }
                changeType = ChangeEvent.Type.DELETED;
                object = previous;
            } else {
                changeType = previous == null ? ChangeEvent.Type.ADDED : ChangeEvent.Type.MODIFIED;
                object = storage.decode(event.value(), event.revision());
            }
            String namespace = object.path("metadata").path("namespace").asText(null);
            return new ChangeEvent(changeType, type, namespace, object, previous, event.revision(),
                    new EncodedObject(object, codec::toJson));
        } catch (RuntimeException e) {
            log.error("Skipping undecodable value at {} (revision {})", event.key(), event.revision(), e);
            return null;
        }
    }

    private ResourceType typeOf(String key) {
        for (ResourceType type : registry.all()) {
            if (key.startsWith(storage.collectionPrefix(type, null))) {
                return type;
            }
        }
        return null;
    }
}
