package dev.keel.api.watch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.status.ApiException;

/** Encodes watch events in the format the client negotiated (object JSON, Table rows, metadata only). */
public interface WatchFrames {

    /** {@code {"type":TYPE,"object":...}} and a newline; {@code source} is the shared change, null for initial events. */
    byte[] event(String type, ObjectNode object, ChangeEvent source);

    /** A BOOKMARK carrying only {@code revision}; marked as the end of initial events when asked. */
    byte[] bookmark(long revision, boolean initialEventsEnd);

    /** An ERROR event carrying a Status. */
    byte[] error(ApiException reason);
}
