package dev.keel.reconciler.gc;

import dev.keel.runtime.controller.Informers;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Optional;

/**
 * The objects the garbage collector sees, whatever their kind: built-in kinds from the shared informers, custom kinds
 * from their monitors, and the API server for what the caches cannot say (an owner just created, a dependent still
 * blocking, an owner of a kind nobody follows).
 */
public final class GcObjects {

    private final KubernetesClient client;
    private final Informers informers;
    private final CustomKindMonitors monitors;

    public GcObjects(KubernetesClient client, Informers informers, CustomKindMonitors monitors) {
        this.client = client;
        this.informers = informers;
        this.monitors = monitors;
    }

    /** The cached object, if the kind's informer holds it. */
    public Optional<? extends HasMetadata> cached(GcKind kind, String namespace, String name) {
        if (kind.custom()) {
            return monitors.get(kind, namespace, name);
        }
        return informers.get(kind.type(), kind.namespaced() ? namespace : null, name);
    }

    /** The cached objects of the kind that name {@code uid} among their owners. */
    public List<? extends HasMetadata> ownedBy(GcKind kind, String uid) {
        return kind.custom() ? monitors.ownedBy(kind, uid) : informers.ownedBy(kind.type(), uid);
    }

    /** The object as the API server has it now; null when it does not exist. */
    public HasMetadata live(GcKind kind, String namespace, String name) {
        if (kind.custom()) {
            var resources = client.genericKubernetesResources(kind.context());
            return kind.namespaced() ? resources.inNamespace(namespace).withName(name).get() : resources.withName(name).get();
        }
        if (kind.namespaced()) {
            return client.resources(kind.type()).inNamespace(namespace).withName(name).get();
        }
        return client.resources(kind.type()).withName(name).get();
    }

    /** Replaces the object (its resourceVersion guards against a stale copy: 409). */
    public void update(GcKind kind, HasMetadata object) {
        if (kind.custom()) {
            var resources = client.genericKubernetesResources(kind.context());
            GenericKubernetesResource generic = (GenericKubernetesResource) object;
            (kind.namespaced() ? resources.inNamespace(object.getMetadata().getNamespace()).resource(generic)
                    : resources.resource(generic)).update();
            return;
        }
        client.resource(object).update();
    }

    /**
     * The kind an ownerReference names when the collector follows no such kind, as discovery resolves it now (a
     * kind served but not followed, or a custom kind whose monitor has not started yet): Kubernetes' "virtual" owner,
     * checked by a GET. Empty when discovery does not know the group version or kind: the owner's fate is unknown.
     */
    public Optional<GcKind> resolve(String apiVersion, String kind) {
        if (apiVersion == null || kind == null) {
            return Optional.empty();
        }
        APIResourceList resources;
        try {
            resources = client.getApiResources(apiVersion);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
        if (resources == null || resources.getResources() == null) {
            return Optional.empty();
        }
        String group = GcKind.groupOf(apiVersion);
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        for (APIResource resource : resources.getResources()) {
            if (kind.equals(resource.getKind()) && resource.getName() != null && !resource.getName().contains("/")) {
                return Optional.of(GcKind.custom(group, version, kind, resource.getName(),
                        Boolean.TRUE.equals(resource.getNamespaced())));
            }
        }
        return Optional.empty();
    }
}
