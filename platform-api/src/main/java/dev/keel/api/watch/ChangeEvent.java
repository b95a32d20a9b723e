package dev.keel.api.watch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.resource.ResourceType;

/**
 * One change to one API object, decoded once and shared by every watcher.
 *
 * @param object   the object after the change (for a deletion: the last state, with the deletion's revision)
 * @param previous the object before the change, null for a creation
 */
public record ChangeEvent(Type type, ResourceType resource, String namespace, ObjectNode object, ObjectNode previous,
        long revision, EncodedObject encoded) {

    public enum Type { ADDED, MODIFIED, DELETED }
}
