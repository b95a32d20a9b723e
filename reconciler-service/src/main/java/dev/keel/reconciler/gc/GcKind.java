package dev.keel.reconciler.gc;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;

/** A kind the garbage collector follows: its model class, API group, kind name and scope. */
public record GcKind(Class<? extends HasMetadata> type, String group, String kind, boolean namespaced) {

    public static GcKind of(Class<? extends HasMetadata> type) {
        return new GcKind(type, HasMetadata.getGroup(type), HasMetadata.getKind(type), Namespaced.class.isAssignableFrom(type));
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
}
