package dev.keel.runtime.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** What a reconciler is asked to look at: an object's namespace (null for cluster-scoped kinds) and name. */
public record Request(String namespace, String name) {

    public Request {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a request needs a name");
        }
        namespace = namespace == null || namespace.isEmpty() ? null : namespace;
    }

    public static Request of(HasMetadata object) {
        return new Request(object.getMetadata().getNamespace(), object.getMetadata().getName());
    }

    public static Request clusterScoped(String name) {
        return new Request(null, name);
    }

    @Override
    public String toString() {
        return namespace == null ? name : namespace + "/" + name;
    }
}
