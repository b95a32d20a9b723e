package dev.keel.api.admission;

import dev.keel.api.resource.ResourceType;
import io.fabric8.kubernetes.api.model.HasMetadata;

/** Told after an object is removed from storage, to free what it held (cluster IPs, node ports). */
public interface ObjectDeletedHook {

    void deleted(ResourceType type, HasMetadata object);
}
