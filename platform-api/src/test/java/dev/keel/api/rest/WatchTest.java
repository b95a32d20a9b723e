package dev.keel.api.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.api.testing.ApiServerTest;
import dev.keel.api.testing.TestApiClient.WatchEvents;
import dev.keel.api.watch.Compactor;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class WatchTest extends ApiServerTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Autowired
    private Compactor compactor;

    @Autowired
    private dev.keel.api.watch.WatchHub hub;

    private String ns;
    private String configMaps;

    @BeforeEach
    void namespace() {
        ns = createNamespace("watch");
        configMaps = "/api/v1/namespaces/" + ns + "/configmaps";
    }

    private String create(String name, String labels) {
        return api().post(configMaps, "{\"metadata\":{\"name\":\"" + name + "\",\"labels\":{" + labels + "}},\"data\":{}}")
                .json().path("metadata").path("resourceVersion").asText();
    }

    @Test
    void aWatchFromAResourceVersionSeesEveryLaterChangeInOrder() throws Exception {
        String start = create("a", "");
        api().patch(configMaps + "/a", "application/merge-patch+json", "{\"data\":{\"k\":\"1\"}}");
        create("b", "");
        api().delete(configMaps + "/a");

        try (WatchEvents events = api().watch(configMaps + "?watch=true&resourceVersion=" + start)) {
            assertThat(events.status()).isEqualTo(200);
            assertThat(typeAndName(events.nextChange(WAIT))).isEqualTo("MODIFIED a");
            assertThat(typeAndName(events.nextChange(WAIT))).isEqualTo("ADDED b");
            JsonNode deleted = events.nextChange(WAIT);
            assertThat(typeAndName(deleted)).isEqualTo("DELETED a");
            assertThat(deleted.path("object").path("data").path("k").asText()).isEqualTo("1");
        }
    }

    @Test
    void aWatchWithoutResourceVersionStartsWithTheCurrentState() throws Exception {
        create("a", "");
        try (WatchEvents events = api().watch(configMaps + "?watch=true")) {
            assertThat(typeAndName(events.nextChange(WAIT))).isEqualTo("ADDED a");
            create("b", "");
            assertThat(typeAndName(events.nextChange(WAIT))).isEqualTo("ADDED b");
        }
    }

    @Test
    void labelSelectorsTurnChangesIntoAddedAndDeletedForTheWatcher() throws Exception {
        String start = create("a", "\"tier\":\"web\"");
        try (WatchEvents events = api().watch(configMaps + "?watch=true&labelSelector=tier%3Dweb&resourceVersion=" + start)) {
            api().patch(configMaps + "/a", "application/merge-patch+json", "{\"metadata\":{\"labels\":{\"tier\":\"db\"}}}");
            assertThat(typeAndName(events.nextChange(WAIT))).isEqualTo("DELETED a");
            api().patch(configMaps + "/a", "application/merge-patch+json", "{\"metadata\":{\"labels\":{\"tier\":\"web\"}}}");
            assertThat(typeAndName(events.nextChange(WAIT))).isEqualTo("ADDED a");
            create("other", "\"tier\":\"db\"");
            create("b", "\"tier\":\"web\"");
            assertThat(typeAndName(events.nextChange(WAIT))).isEqualTo("ADDED b");
        }
    }

    @Test
    void aFieldSelectedWatchSeesOnlyThatObject() throws Exception {
        String start = create("a", "");
        try (WatchEvents events = api().watch(configMaps + "?watch=true&fieldSelector=metadata.name%3Db&resourceVersion=" + start)) {
            create("c", "");
            create("b", "");
            assertThat(typeAndName(events.nextChange(WAIT))).isEqualTo("ADDED b");
        }
    }

    @Test
    void bookmarksCarryAResourceVersionToResumeFrom() throws Exception {
        String start = create("a", "");
        try (WatchEvents events = api().watch(configMaps + "?watch=true&allowWatchBookmarks=true&resourceVersion=" + start)) {
            JsonNode bookmark = null;
            for (int i = 0; i < 10 && bookmark == null; i++) {
                JsonNode event = events.next(WAIT);
                if (event != null && event.path("type").asText().equals("BOOKMARK")) {
                    bookmark = event;
                }
            }
            assertThat(bookmark).isNotNull();
            assertThat(bookmark.path("object").path("kind").asText()).isEqualTo("ConfigMap");
            assertThat(bookmark.path("object").path("metadata").path("resourceVersion").asLong())
                    .isGreaterThanOrEqualTo(Long.parseLong(start));
        }
    }

    @Test
    void aCompactedResourceVersionIsGone() throws Exception {
        String old = create("a", "");
        create("b", "");
        create("c", "");
        compactor.compactOnce();
        create("d", "");
        compactor.compactOnce();

        try (WatchEvents events = api().watch(configMaps + "?watch=true&resourceVersion=" + old)) {
            JsonNode event = events.next(WAIT);
            assertThat(event.path("type").asText()).isEqualTo("ERROR");
            assertThat(event.path("object").path("code").asInt()).isEqualTo(410);
            assertThat(event.path("object").path("reason").asText()).isEqualTo("Expired");
        }
    }

    @Test
    void aResourceVersionOlderThanTheInMemoryHistoryIsReplayedFromEtcd() throws Exception {
        String start = create("a", "");
        create("b", "");
        hub.trimTo(hub.latestRevision());

        try (WatchEvents events = api().watch(configMaps + "?watch=true&resourceVersion=" + start)) {
            assertThat(typeAndName(events.nextChange(WAIT))).isEqualTo("ADDED b");
            create("c", "");
            assertThat(typeAndName(events.nextChange(WAIT))).isEqualTo("ADDED c");
        }
    }

    @Test
    void tableWatchesCarryOneRowPerEventWithItsMetadata() throws Exception {
        String start = create("a", "");
        String accept = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json";
        try (WatchEvents events = api().watch(configMaps + "?watch=true&resourceVersion=" + start, "Accept", accept)) {
            create("b", "");
            JsonNode event = events.nextChange(WAIT);
            assertThat(event.path("type").asText()).isEqualTo("ADDED");
            JsonNode table = event.path("object");
            assertThat(table.path("kind").asText()).isEqualTo("Table");
            assertThat(table.path("columnDefinitions").get(0).path("name").asText()).isEqualTo("Name");
            assertThat(table.path("rows").get(0).path("cells").get(0).asText()).isEqualTo("b");
            assertThat(table.path("rows").get(0).path("object").path("kind").asText()).isEqualTo("PartialObjectMetadata");
        }
    }

    private static String typeAndName(JsonNode event) {
        assertThat(event).as("an event arrived").isNotNull();
        return event.path("type").asText() + " " + event.path("object").path("metadata").path("name").asText();
    }
}
