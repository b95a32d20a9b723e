package dev.keel.api.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/** The events of one watch as a test reads them, whatever carries them (chunked HTTP or WebSocket). */
public interface WatchEventSource {

    /** The next event, or null when none came within {@code timeout}. */
    JsonNode next(Duration timeout) throws InterruptedException;

    /** The next event that is not a BOOKMARK, or null when none came within {@code timeout}. */
    default JsonNode nextChange(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode event = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (event == null || !"BOOKMARK".equals(event.path("type").asText())) {
                return event;
            }
        }
        return null;
    }
}
