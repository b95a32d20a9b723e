package dev.keel.api.admission.limitrange;

import dev.keel.api.codec.ObjectCodec;
import dev.keel.api.objects.ObjectStorage;
import dev.keel.api.objects.StoredObject;
import dev.keel.api.resource.ResourceRegistry;
import dev.keel.api.resource.ResourceType;
import io.fabric8.kubernetes.api.model.LimitRange;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Component;

/** The LimitRanges of a namespace, read from etcd when a pod or claim is admitted (a namespace has few). */
@Component
public class StoredLimitRanges {

    private final ObjectStorage storage;
    private final ObjectCodec codec;
    private final ResourceType type;

    public StoredLimitRanges(ObjectStorage storage, ObjectCodec codec, ResourceRegistry registry) {
        this.storage = storage;
        this.codec = codec;
        this.type = registry.find("", "v1", "limitranges").orElseThrow();
    }

    /** In name order, so defaults from several ranges apply the same way every time. */
    public List<LimitRange> in(String namespace) {
        return storage.list(type, namespace, null, 0, 0).items().stream()
                .sorted(Comparator.comparing(StoredObject::key))
                .map(stored -> codec.convert(stored.object(), LimitRange.class))
                .toList();
    }
}
