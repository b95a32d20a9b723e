package dev.keel.api.apiextensions;

import dev.keel.api.objects.ObjectStorage;
import dev.keel.api.objects.StoredObject;
import dev.keel.api.resource.ResourceType;
import dev.keel.api.rest.DeleteOptions;
import dev.keel.api.registry.ObjectDeleter;
import dev.keel.api.status.ApiException;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Deletes every stored object of a CRD (all namespaces, under {@code /<group>/<plural>/}) through the normal delete
 * path, as the apiextensions finalizer does with a deletecollection: objects holding finalizers are only marked
 * (deletionTimestamp) and stay until their finalizers are removed; the CRD waits for them.
 */
@Component
public class CustomResourceCleanup {

    private static final Logger log = LoggerFactory.getLogger(CustomResourceCleanup.class);
    private static final DeleteOptions BACKGROUND = new DeleteOptions(null, "Background", null, null, false);

    private final ObjectStorage storage;
    private final ObjectDeleter deleter;

    public CustomResourceCleanup(ObjectStorage storage, ObjectDeleter deleter) {
        this.storage = storage;
        this.deleter = deleter;
    }

    /** Whether the CRD's objects are all gone, and else the Terminating reason and message to show. */
    public record Outcome(boolean done, String reason, String message) {
    }

    public Outcome deleteAll(CustomResourceDefinition crd) {
        ResourceType type = storageType(crd);
        List<StoredObject> objects;
        try {
            objects = storage.list(type, null, null, 0, 0).items();
        } catch (RuntimeException e) {
            return new Outcome(false, "InstanceDeletionFailed", "could not list instances: " + e.getMessage());
        }
        for (StoredObject object : objects) {
            var metadata = object.object().path("metadata");
            String namespace = type.namespaced() ? metadata.path("namespace").asText(null) : null;
            String name = metadata.path("name").asText();
            try {
                deleter.delete(type, namespace, name, BACKGROUND);
            } catch (ApiException e) {
                if (e.code() != 404) {
                    return new Outcome(false, "InstanceDeletionFailed", "could not issue all deletes: " + e.getMessage());
                }
            }
        }
        int remaining = storage.list(type, null, null, 0, 0).items().size();
        if (remaining > 0) {
            log.info("CustomResourceDefinition {}: {} objects still held by finalizers", crd.getMetadata().getName(), remaining);
            return new Outcome(false, "InstanceDeletionCheck",
                    "could not confirm zero CustomResources remaining: " + remaining + " still stored");
        }
        return new Outcome(true, "InstanceDeletionCompleted", "removed all instances");
    }

    /**
     * The storage coordinates of a CRD's objects: Kubernetes keeps every version under one key prefix,
     * {@code /registry/<group>/<plural>/[<namespace>/]<name>}, in the storage version.
     */
    public static ResourceType storageType(CustomResourceDefinition crd) {
        String version = crd.getSpec().getVersions().stream().filter(v -> Boolean.TRUE.equals(v.getStorage()))
                .map(CustomResourceDefinitionVersion::getName).findFirst()
                .orElse(crd.getSpec().getVersions().get(0).getName());
        var names = crd.getSpec().getNames();
        return new ResourceType(crd.getSpec().getGroup(), version, names.getKind(), names.getPlural(), names.getSingular(),
                "Namespaced".equals(crd.getSpec().getScope()), List.of(), List.of(), Set.of(),
                GenericKubernetesResource.class, true);
    }
}
