package dev.keel.api.objects;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.codec.ObjectCodec;
import dev.keel.api.resource.ResourceType;
import dev.keel.api.store.RevisionedStore;
import dev.keel.api.store.StoredValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * API objects on top of the {@link RevisionedStore}: Kubernetes' key layout
 * ({@code /registry/[group/]plural/[namespace/]name}) and resourceVersion taken from etcd's mod revision,
 * never stored inside the value.
 */
public class ObjectStorage {

    private final RevisionedStore store;
    private final ObjectCodec codec;
    private final String keyPrefix;
    private final java.time.Duration eventTtl;

    /** @param eventTtl how long an Event is kept after its last write, as kube-apiserver's {@code --event-ttl} */
    public ObjectStorage(RevisionedStore store, ObjectCodec codec, String keyPrefix, java.time.Duration eventTtl) {
        this.store = store;
        this.codec = codec;
        this.keyPrefix = keyPrefix;
        this.eventTtl = eventTtl;
    }

    public String key(ResourceType type, String namespace, String name) {
        return collectionPrefix(type, namespace) + name;
    }

    /** The prefix of every object of {@code type}, or of those in {@code namespace} when it is not null. */
    public String collectionPrefix(ResourceType type, String namespace) {
        String base = keyPrefix + type.storagePath();
        return type.namespaced() && namespace != null ? base + namespace + "/" : base;
    }

    /** The prefix every object lives under, for the one store watch that feeds all API watches. */
    public String rootPrefix() {
        return keyPrefix + "/";
    }

    public Optional<StoredObject> get(ResourceType type, String namespace, String name) {
        return store.get(key(type, namespace, name)).map(this::decode);
    }

    public StoredObject decode(StoredValue value) {
        return new StoredObject(value.key(), value.value(), value.modRevision(), codec);
    }

    public ObjectNode decode(byte[] value, long revision) {
        return parse(codec, value, revision);
    }

    /** Reads up to {@code limit} objects (0 = all) from {@code startKey} at {@code revision} (0 = now). */
    public Page list(ResourceType type, String namespace, String startKey, long revision, long limit) {
        RevisionedStore.ListPage page = store.list(collectionPrefix(type, namespace), startKey, revision, limit);
        List<StoredObject> items = new ArrayList<>(page.items().size());
        String lastKey = null;
        for (StoredValue value : page.items()) {
            items.add(decode(value));
            lastKey = value.key();
        }
        return new Page(items, page.revision(), page.more(), lastKey);
    }

    public long create(ResourceType type, String namespace, String name, ObjectNode object) {
        return store.create(key(type, namespace, name), encode(object), ttl(type));
    }

    public long update(ResourceType type, String namespace, String name, ObjectNode object, long expectedRevision) {
        return store.update(key(type, namespace, name), encode(object), expectedRevision, ttl(type));
    }

    public long delete(ResourceType type, String namespace, String name, long expectedRevision) {
        return store.delete(key(type, namespace, name), expectedRevision);
    }

    public long currentRevision() {
        return store.currentRevision();
    }

    public RevisionedStore store() {
        return store;
    }

    private java.time.Duration ttl(ResourceType type) {
        return type.kind().equals("Event") && type.group().isEmpty() ? eventTtl : null;
    }

    private byte[] encode(ObjectNode object) {
        ObjectNode copy = object.deepCopy();
        ObjectNode metadata = (ObjectNode) copy.get("metadata");
        if (metadata != null) {
            metadata.remove("resourceVersion");
            metadata.remove("selfLink");
        }
        return codec.toJson(copy);
    }

    /** A stored value as a tree with its resourceVersion, which is never kept inside the value. */
    static ObjectNode parse(ObjectCodec codec, byte[] value, long revision) {
        ObjectNode object = codec.parseStored(value);
        object.withObjectProperty("metadata").put("resourceVersion", Long.toString(revision));
        return object;
    }

    /** One page of a list, with the key to continue from. */
    public record Page(List<StoredObject> items, long revision, boolean more, String lastKey) {
    }
}
