package dev.keel.api.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.api.resource.ResourceRegistry;
import dev.keel.api.resource.ResourceType;
import dev.keel.api.testing.ApiServerTest;
import dev.keel.api.testing.WebSocketWatch;
import dev.keel.api.watch.Compactor;
import dev.keel.api.watch.WatchHub;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Watches over WebSocket, opened with the JDK's client the way fabric8 opens them. */
class WebSocketWatchTest extends ApiServerTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Autowired
    private Compactor compactor;

    @Autowired
    private WatchHub hub;

    @Autowired
    private ResourceRegistry registry;

    @Autowired
    private MeterRegistry meters;

    private String ns;
    private String configMaps;

    @BeforeEach
    void namespace() {
        ns = createNamespace("ws-watch");
        configMaps = "/api/v1/namespaces/" + ns + "/configmaps";
    }

    private String create(String name) {
        return api().post(configMaps, "{\"metadata\":{\"name\":\"" + name + "\"},\"data\":{}}")
                .json().path("metadata").path("resourceVersion").asText();
    }

    private void modify(String name) {
        api().patch(configMaps + "/" + name, "application/merge-patch+json", "{\"data\":{\"k\":\"1\"}}");
    }

    @Test
    void aWatchSeesChangesMadeAfterItStartedAsOneTextMessageEach() throws Exception {
        try (WebSocketWatch watch = webSocketWatch(configMaps + "?watch=true")) {
            assertThat(watch.handshakeStatus()).isEqualTo(101);
            create("a");
            modify("a");
            api().delete(configMaps + "/a");

            assertThat(typeAndName(watch.nextChange(WAIT))).isEqualTo("ADDED a");
            assertThat(typeAndName(watch.nextChange(WAIT))).isEqualTo("MODIFIED a");
            assertThat(typeAndName(watch.nextChange(WAIT))).isEqualTo("DELETED a");
            assertThat(watch.binaryMessages()).isZero();
        }
    }

    @Test
    void aWatchResumesFromAResourceVersion() throws Exception {
        String start = create("a");
        modify("a");
        create("b");
        api().delete(configMaps + "/a");

        try (WebSocketWatch watch = webSocketWatch(configMaps + "?watch=true&resourceVersion=" + start)) {
            assertThat(typeAndName(watch.nextChange(WAIT))).isEqualTo("MODIFIED a");
            assertThat(typeAndName(watch.nextChange(WAIT))).isEqualTo("ADDED b");
            assertThat(typeAndName(watch.nextChange(WAIT))).isEqualTo("DELETED a");
        }
    }

    @Test
    void aWatchWithoutResourceVersionStartsWithTheCurrentState() throws Exception {
        create("a");
        try (WebSocketWatch watch = webSocketWatch(configMaps + "?watch=true")) {
            assertThat(typeAndName(watch.nextChange(WAIT))).isEqualTo("ADDED a");
        }
    }

    @Test
    void aCompactedResourceVersionIsAnExpiredErrorEventThenTheSocketCloses() throws Exception {
        String old = create("a");
        create("b");
        create("c");
        compactor.compactOnce();
        create("d");
        compactor.compactOnce();

        try (WebSocketWatch watch = webSocketWatch(configMaps + "?watch=true&resourceVersion=" + old)) {
            JsonNode event = watch.next(WAIT);
            assertThat(event.path("type").asText()).isEqualTo("ERROR");
            assertThat(event.path("object").path("kind").asText()).isEqualTo("Status");
            assertThat(event.path("object").path("code").asInt()).isEqualTo(410);
            assertThat(event.path("object").path("reason").asText()).isEqualTo("Expired");
            assertThat(watch.closeCode(WAIT)).isEqualTo(1000);
        }
    }

    @Test
    void bookmarksArriveAsMessagesToo() throws Exception {
        String start = create("a");
        try (WebSocketWatch watch = webSocketWatch(configMaps + "?watch=true&allowWatchBookmarks=true&resourceVersion=" + start)) {
            JsonNode event = watch.next(WAIT);
            assertThat(event.path("type").asText()).isEqualTo("BOOKMARK");
            assertThat(event.path("object").path("metadata").path("resourceVersion").asLong())
                    .isGreaterThanOrEqualTo(Long.parseLong(start));
        }
    }

    @Test
    void timeoutSecondsEndsTheWatchWithANormalClose() throws Exception {
        try (WebSocketWatch watch = webSocketWatch(configMaps + "?watch=true&timeoutSeconds=1")) {
            assertThat(watch.closeCode(WAIT)).isEqualTo(1000);
        }
    }

    @Test
    void aClientCloseReleasesTheWatch() throws Exception {
        ResourceType leases = registry.find("coordination.k8s.io", "v1", "leases").orElseThrow();
        int before = hub.subscriberCount(leases);
        String path = "/apis/coordination.k8s.io/v1/namespaces/" + ns + "/leases?watch=true";

        try (WebSocketWatch watch = webSocketWatch(path)) {
            awaitSubscribers(leases, before + 1);
        }
        awaitSubscribers(leases, before);
    }

    @Test
    void aWebSocketWatchIsCountedAsAWatchRequest() throws Exception {
        double before = watchRequests("leases");
        try (WebSocketWatch watch = webSocketWatch("/apis/coordination.k8s.io/v1/namespaces/" + ns + "/leases?watch=true")) {
            assertThat(watch.handshakeStatus()).isEqualTo(101);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (watchRequests("leases") == before && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(watchRequests("leases")).isEqualTo(before + 1);
        }
    }

    @Test
    void anOfferedSubprotocolIsEchoedAndChangesNothingInTheEvents() throws Exception {
        try (WebSocketWatch watch = webSocketWatch(configMaps + "?watch=true", "base64.binary.k8s.io")) {
            assertThat(watch.subprotocol()).isEqualTo("base64.binary.k8s.io");
            create("a");
            assertThat(typeAndName(watch.nextChange(WAIT))).isEqualTo("ADDED a");
        }
    }

    @Test
    void moreThanOneSubprotocolIsRefused() {
        try (WebSocketWatch watch = webSocketWatch(configMaps + "?watch=true", "base64.binary.k8s.io", "v4.channel.k8s.io")) {
            assertThat(watch.handshakeStatus()).isEqualTo(400);
        }
    }

    @Test
    void aWatchWithoutOriginIsForbidden() {
        String[] tokenOnly = {"Authorization", "Bearer " + readAdminToken()};
        try (WebSocketWatch watch = webSocketWatchWithHeaders(configMaps + "?watch=true", tokenOnly)) {
            assertThat(watch.handshakeStatus()).isEqualTo(403);
        }
    }

    @Test
    void aWatchWithoutCredentialsIsUnauthorized() {
        String[] originOnly = {"Origin", "https://127.0.0.1:" + port};
        try (WebSocketWatch watch = webSocketWatchWithHeaders(configMaps + "?watch=true", originOnly)) {
            assertThat(watch.handshakeStatus()).isEqualTo(401);
        }
    }

    @Test
    void requestsOtherThanWatchesAreNotUpgraded() {
        try (WebSocketWatch list = webSocketWatch(configMaps)) {
            assertThat(list.handshakeStatus()).isEqualTo(200);
        }
        try (WebSocketWatch exec = webSocketWatch("/api/v1/namespaces/" + ns + "/pods/p/exec?command=sh&stdout=true")) {
            assertThat(exec.handshakeStatus()).isEqualTo(404);
        }
    }

    private double watchRequests(String resource) {
        return meters.find("keel.api.watch.requests").tag("resource", resource).counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    private void awaitSubscribers(ResourceType type, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (hub.subscriberCount(type) != expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(hub.subscriberCount(type)).as("watchers of " + type.plural()).isEqualTo(expected);
    }

    private static String typeAndName(JsonNode event) {
        assertThat(event).as("an event arrived").isNotNull();
        return event.path("type").asText() + " " + event.path("object").path("metadata").path("name").asText();
    }
}
