package dev.keel.api.objects;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** An object as read from the store, with {@code metadata.resourceVersion} already set to {@code revision}. */
public record StoredObject(ObjectNode object, long revision) {
}
