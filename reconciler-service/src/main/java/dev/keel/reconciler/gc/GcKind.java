package dev.keel.reconciler.gc;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/**
 * A kind the garbage collector follows: its model class, API group, kind name and scope. A custom kind (one a
 * CustomResourceDefinition defines) has no model class of its own: it is read as {@link GenericKubernetesResource}
 * at the {@code version} and {@code plural} it is watched at.
 */
public record GcKind(Class<? extends HasMetadata> type, String group, String version, String kind, String plural,
        boolean namespaced, boolean custom) {

    public static GcKind of(Class<? extends HasMetadata> type) {
        return new GcKind(type, HasMetadata.getGroup(type), HasMetadata.getVersion(type), HasMetadata.getKind(type),
                HasMetadata.getPlural(type), Namespaced.class.isAssignableFrom(type), false);
    }

    /** A kind defined by a CustomResourceDefinition, watched at {@code version} under {@code plural}. */
    public static GcKind custom(String group, String version, String kind, String plural, boolean namespaced) {
        return new GcKind(GenericKubernetesResource.class, group, version, kind, plural, namespaced, true);
    }

    /** How fabric8's generic client addresses a custom kind. */
    public ResourceDefinitionContext context() {
        return new ResourceDefinitionContext.Builder().withGroup(group).withVersion(version).withKind(kind)
                .withPlural(plural).withNamespaced(namespaced).build();
    }

    /** The group of an apiVersion ({@code apps/v1} is apps, {@code v1} the core group ""). */
    public static String groupOf(String apiVersion) {
        if (apiVersion == null) {
            return "";
        }
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    /** How the kind appears in work-queue keys: {@code ReplicaSet.apps}, or {@code Pod} for the core group. */
    public String qualifiedName() {
        return group.isEmpty() ? kind : kind + "." + group;
    }

    /** The URL path of the kind's collection in {@code namespace} (ignored for cluster-scoped kinds). */
    public String collectionPath(String namespace) {
        String prefix = group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
        String scope = namespaced ? "/namespaces/" + namespace : "";
        return prefix + scope + "/" + plural;
    }
}
