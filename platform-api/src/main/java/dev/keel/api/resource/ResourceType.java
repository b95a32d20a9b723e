package dev.keel.api.resource;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Set;

/**
 * One kind the API serves: where it lives in URLs and in etcd, what discovery says of it, and which
 * fabric8 model class holds it.
 *
 * @param group         API group, "" for core
 * @param version       API version within the group
 * @param kind          object kind, e.g. {@code Deployment}
 * @param plural        resource name in URLs, e.g. {@code deployments}
 * @param singular      singular name, e.g. {@code deployment}
 * @param namespaced    whether objects live in a namespace
 * @param shortNames    kubectl short names from discovery
 * @param categories    discovery categories ({@code all} makes {@code kubectl get all} include it)
 * @param subresources  subresources served, e.g. {@code status}, {@code scale}
 * @param modelClass    the fabric8 class objects decode into
 * @param hasSpec       whether the kind has a spec whose changes bump {@code metadata.generation}
 */
public record ResourceType(
        String group,
        String version,
        String kind,
        String plural,
        String singular,
        boolean namespaced,
        List<String> shortNames,
        List<String> categories,
        Set<String> subresources,
        Class<? extends HasMetadata> modelClass,
        boolean hasSpec) {

    public static final List<String> STANDARD_VERBS =
            List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

    /** {@code apps/v1}, or {@code v1} for the core group. */
    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** {@code deployments.apps}, or {@code pods} for the core group. */
    public String qualifiedName() {
        return group.isEmpty() ? plural : plural + "." + group;
    }

    public String listKind() {
        return kind + "List";
    }

    public boolean hasSubresource(String name) {
        return subresources.contains(name);
    }

    /** Key prefix of every object of this type below the store's key prefix. */
    public String storagePath() {
        return group.isEmpty() ? "/" + plural + "/" : "/" + group + "/" + plural + "/";
    }
}
