package dev.keel.api.admission;

import dev.keel.api.resource.BuiltinResources;
import dev.keel.api.resource.ResourceRegistry;
import dev.keel.api.resource.ResourceType;
import io.fabric8.kubernetes.api.model.HasMetadata;

/** Admission requests for tests, typed by the object's kind as the API server would type them. */
public final class Requests {

    private static final ResourceRegistry REGISTRY = BuiltinResources.registry();

    private Requests() {
    }

    public static ResourceType type(HasMetadata object) {
        return REGISTRY.findByKind(object.getApiVersion(), object.getKind())
                .orElseThrow(() -> new IllegalArgumentException("not a served kind: " + object.getApiVersion() + " " + object.getKind()));
    }

    public static AdmissionRequest create(HasMetadata object) {
        return new AdmissionRequest(Operation.CREATE, type(object), null, object, null, false);
    }

    public static AdmissionRequest dryRunCreate(HasMetadata object) {
        return new AdmissionRequest(Operation.CREATE, type(object), null, object, null, true);
    }

    public static AdmissionRequest update(HasMetadata object, HasMetadata old) {
        return new AdmissionRequest(Operation.UPDATE, type(object), null, object, old, false);
    }

    public static AdmissionRequest subresource(String subresource, HasMetadata object, HasMetadata old) {
        return new AdmissionRequest(Operation.UPDATE, type(object), subresource, object, old, false);
    }
}
