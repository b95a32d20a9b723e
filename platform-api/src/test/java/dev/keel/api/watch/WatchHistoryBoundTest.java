package dev.keel.api.watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.api.testing.ApiServerTest;
import dev.keel.api.testing.TestApiClient.WatchEvents;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The in-memory watch history is bounded by size as well as by count, so a burst of large objects (a fuzz run's
 * 300 KB strings) does not keep hundreds of megabytes of heap; watches resuming from before the kept history are
 * served from etcd and miss nothing.
 */
class WatchHistoryBoundTest extends ApiServerTest {

    private static final int OBJECTS = 120;
    private static final int VALUE_BYTES = 300_000;

    @Autowired
    private WatchHub hub;

    @Autowired
    private WatchProperties properties;

    @Test
    void largeObjectsDoNotHoldTheHistoryBeyondItsByteBoundAndOlderResumesMissNothing() throws Exception {
        String ns = createNamespace("history");
        String configMaps = "/api/v1/namespaces/" + ns + "/configmaps";
        String start = api().get(configMaps).json().path("metadata").path("resourceVersion").asText();
        String big = "x".repeat(VALUE_BYTES);
        for (int i = 0; i < OBJECTS; i++) {
            int status = api().post(configMaps, "{\"metadata\":{\"name\":\"big-" + i + "\"},\"data\":{\"v\":\"" + big + "\"}}")
                    .status();
            assertThat(status).isEqualTo(201);
        }

        // 36 MB were written; the history keeps at most its bound plus the one event that crossed it.
        long bound = properties.getHistoryMaxBytes().toBytes();
        assertThat((long) OBJECTS * VALUE_BYTES).isGreaterThan(bound);
        assertThat(hub.historyBytes()).isLessThanOrEqualTo(bound + VALUE_BYTES + 1_000);

        try (WatchEvents events = api().watch(configMaps + "?watch=true&resourceVersion=" + start)) {
            for (int i = 0; i < OBJECTS; i++) {
                JsonNode event = events.next(Duration.ofSeconds(30));
                assertThat(event).as("event " + i).isNotNull();
                assertThat(event.path("type").asText()).isEqualTo("ADDED");
                assertThat(event.path("object").path("metadata").path("name").asText()).isEqualTo("big-" + i);
            }
        }
    }
}
