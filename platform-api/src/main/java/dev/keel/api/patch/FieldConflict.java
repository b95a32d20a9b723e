package dev.keel.api.patch;

import java.util.List;

/**
 * A field that an apply would change although another manager owns it.
 *
 * @param owner the managed-fields entry of the other manager
 * @param path  the field, as path elements ({@code f:spec}, {@code f:replicas})
 */
record FieldConflict(ManagedFieldsEntry owner, List<String> path) {

    /** The manager as Kubernetes names it in conflict messages: {@code "kubectl" using apps/v1} for updaters. */
    String describeOwner() {
        StringBuilder text = new StringBuilder(quote(owner.manager()));
        if (owner.subresource() != null && !owner.subresource().isEmpty()) {
            text.append(" with subresource ").append(quote(owner.subresource()));
        }
        if (owner.isUpdate()) {
            text.append(" using ").append(owner.apiVersion());
        }
        return text.toString();
    }

    private static String quote(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
