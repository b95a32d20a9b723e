package dev.keel.api.patch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.resource.ResourceType;

/**
 * Server-side apply: merges an applied configuration into the live object and keeps
 * {@code metadata.managedFields}, so fields one manager set and later dropped are removed, and fields owned
 * by another manager are not silently taken over.
 */
public interface ServerSideApply {

    /**
     * Merges {@code applied} into {@code live} for {@code manager}.
     *
     * @param live the stored object, or null when apply creates it
     * @return the new object, {@code metadata.managedFields} updated; {@code live} is not modified
     * @throws dev.keel.api.status.ApiException 409 Conflict naming the conflicting fields and their managers
     *         when {@code force} is false
     */
    ObjectNode apply(ObjectNode live, ObjectNode applied, ResourceType type, String manager, boolean force);

    /**
     * Records in {@code updated.metadata.managedFields} that {@code manager} set the fields that differ from
     * {@code old} through an ordinary create, update or patch (operation {@code Update}).
     *
     * @param old the object before the write, null for a create
     */
    void recordUpdate(ObjectNode old, ObjectNode updated, ResourceType type, String manager, String subresource);
}
