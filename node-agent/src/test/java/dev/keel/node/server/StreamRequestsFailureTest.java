package dev.keel.node.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.api.testing.PlatformApiServer;
import dev.keel.node.cri.v1.Container;
import dev.keel.node.cri.v1.ContainerFilter;
import dev.keel.node.cri.v1.PodSandbox;
import dev.keel.node.cri.v1.PodSandboxFilter;
import dev.keel.node.pod.PodLabels;
import dev.keel.node.simulated.SimulatedBehaviour;
import dev.keel.node.simulated.SimulatedRuntime;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The streaming routes answer whatever goes wrong before the hand-over (a client would otherwise wait forever), and
 * port-forward takes the kubelet's comma-separated ports. The runtime fails in ways the CRI client does not wrap.
 */
class StreamRequestsFailureTest {

    private static final List<List<Integer>> FORWARDED = new CopyOnWriteArrayList<>();
    private static NodeServer server;
    private static NodeServerProperties properties;
    private static HttpClient http;

    /** A runtime whose lookups break with plain runtime exceptions. */
    private static final class BrokenRuntime extends SimulatedRuntime {

        BrokenRuntime() {
            super(Clock.systemUTC(), SimulatedBehaviour.runForever(), "10.244.8.0/24");
        }

        @Override
        public List<PodSandbox> listPodSandboxes(PodSandboxFilter filter) {
            if ("ports".equals(filter.getLabelSelectorMap().get(PodLabels.POD_NAME))) {
                return List.of(PodSandbox.newBuilder().setId("sandbox-1").build());
            }
            throw new IllegalStateException("sandbox index corrupted");
        }

        @Override
        public List<Container> listContainers(ContainerFilter filter) {
            throw new IllegalStateException("container index corrupted");
        }

        @Override
        public String portForward(String sandboxId, List<Integer> ports) {
            FORWARDED.add(ports);
            throw new UnsupportedOperationException("no forwarding here");
        }
    }

    @BeforeAll
    static void start() throws Exception {
        PlatformApiServer api = PlatformApiServer.shared();
        properties = new NodeServerProperties();
        NodeServerFixture.configure(properties, api);
        server = new NodeServer(properties, "streams-broken", new BrokenRuntime(),
            Files.createTempDirectory("keel-broken-logs-"), Clock.systemUTC());
        server.start();
        http = NodeServerFixture.kubeletClient(api);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> post(String path) throws Exception {
        // The timeout only keeps a regression from hanging the suite; an answer comes at once.
        return http.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + properties.getPort() + path))
            .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.noBody()).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void attachAnswersWhenTheRuntimeFailsUnexpectedly() throws Exception {
        HttpResponse<String> response = post("/attach/shop/web/app?stdout=1");
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).contains("Attach to shop/web/app").contains("container index corrupted");
    }

    @Test
    void portForwardAnswersWhenTheRuntimeFailsUnexpectedly() throws Exception {
        HttpResponse<String> response = post("/portForward/shop/web?port=80");
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).contains("Port-forward to shop/web").contains("sandbox index corrupted");
    }

    @Test
    void portForwardTakesCommaSeparatedPorts() throws Exception {
        FORWARDED.clear();
        HttpResponse<String> response = post("/portForward/shop/ports?port=80,443&port=8080");
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(FORWARDED).containsExactly(List.of(80, 443, 8080));
        assertThat(post("/portForward/shop/ports?port=80,x").statusCode()).isEqualTo(400);
    }
}
