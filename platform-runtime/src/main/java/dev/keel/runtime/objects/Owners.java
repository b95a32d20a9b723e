package dev.keel.runtime.objects;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.List;
import java.util.Optional;

/** ownerReferences: who controls an object, and the reference a controller puts on what it creates. */
public final class Owners {

    private Owners() {
    }

    /** The reference with {@code controller: true}, if any. */
    public static Optional<OwnerReference> controllerOf(HasMetadata object) {
        List<OwnerReference> owners = object.getMetadata().getOwnerReferences();
        if (owners == null) {
            return Optional.empty();
        }
        return owners.stream().filter(owner -> Boolean.TRUE.equals(owner.getController())).findFirst();
    }

    /** Whether {@code object} is controlled by the object with {@code uid}. */
    public static boolean isControlledBy(HasMetadata object, String uid) {
        return controllerOf(object).map(owner -> uid.equals(owner.getUid())).orElse(false);
    }

    /** The controller reference a controller sets on objects it creates or adopts (it also blocks owner deletion). */
    public static OwnerReference controllerReference(HasMetadata owner) {
        return new OwnerReferenceBuilder()
                .withApiVersion(owner.getApiVersion())
                .withKind(owner.getKind())
                .withName(owner.getMetadata().getName())
                .withUid(owner.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build();
    }
}
