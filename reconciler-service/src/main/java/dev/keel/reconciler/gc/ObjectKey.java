package dev.keel.reconciler.gc;

import dev.keel.runtime.reconcile.Request;
import java.util.Optional;

/**
 * An object of any followed kind, carried through the work queue as a {@link Request} whose name is
 * {@code Kind.group/name} (neither a kind nor an object name can hold a slash, so it splits back unambiguously).
 */
public record ObjectKey(GcKind kind, String namespace, String name) {

    public Request toRequest() {
        return new Request(kind.namespaced() ? namespace : null, kind.qualifiedName() + "/" + name);
    }

    public static Optional<ObjectKey> fromRequest(Request request, GcKinds kinds) {
        int slash = request.name().indexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        String name = request.name().substring(slash + 1);
        return kinds.byQualifiedName(request.name().substring(0, slash))
                .map(kind -> new ObjectKey(kind, request.namespace(), name));
    }

    @Override
    public String toString() {
        return kind.qualifiedName() + " " + (namespace == null ? name : namespace + "/" + name);
    }
}
