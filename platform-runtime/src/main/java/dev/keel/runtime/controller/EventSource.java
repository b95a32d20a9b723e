package dev.keel.runtime.controller;

import dev.keel.runtime.reconcile.Request;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/** Maps an object an informer saw to the keys a controller should reconcile because of it. */
@FunctionalInterface
public interface EventSource<T extends HasMetadata> {

    Collection<Request> keys(T object);

    /** The object itself: for a controller's primary kind. */
    static <T extends HasMetadata> EventSource<T> self() {
        return object -> List.of(Request.of(object));
    }

    /** The object's controlling owner of {@code ownerKind}, in the object's namespace: for kinds a controller creates. */
    static <T extends HasMetadata> EventSource<T> controllerOwner(String ownerKind) {
        return object -> {
            List<OwnerReference> owners = object.getMetadata().getOwnerReferences();
            if (owners == null) {
                return List.of();
            }
            return owners.stream()
                    .filter(owner -> Boolean.TRUE.equals(owner.getController()) && ownerKind.equals(owner.getKind()))
                    .map(owner -> new Request(object.getMetadata().getNamespace(), owner.getName()))
                    .toList();
        };
    }

    /** Any keys computed from the object, e.g. every Service whose selector matches a pod. */
    static <T extends HasMetadata> EventSource<T> mapping(Function<T, Collection<Request>> mapper) {
        return mapper::apply;
    }
}
