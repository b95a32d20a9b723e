package dev.keel.api.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.keel.api.testing.ApiServerTest;
import dev.keel.api.testing.TestApiClient.Response;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The proxy subresources' answers that need no backend: what Kubernetes answers when there is nothing to proxy to, or
 * nothing it may proxy to. A backend on loopback stands for what a forged address would reach (etcd on 127.0.0.1):
 * with the default refused ranges it is never reached. Forwarding itself runs against real pods and a real node
 * agent in node-agent's {@code DebugAndProxyContainerdTest}.
 */
class ProxySubresourceTest extends ApiServerTest {

    private String ns;
    private HttpServer backend;
    private final AtomicInteger reached = new AtomicInteger();

    @BeforeEach
    void namespace() throws IOException {
        ns = createNamespace("proxy");
        backend = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        backend.createContext("/", exchange -> {
            reached.incrementAndGet();
            byte[] answer = "reached".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        backend.start();
    }

    @AfterEach
    void stopBackend() {
        backend.stop(0);
    }

    @Test
    void podsAtLoopbackOrLinkLocalAddressesAreNotProxied() {
        for (String ip : new String[] {"127.0.0.1", "169.254.169.254", "::1", "0.0.0.0"}) {
            String name = "p-" + Integer.toHexString(ip.hashCode());
            createPod(name, ip);

            Response refused = api().get("/api/v1/namespaces/" + ns + "/pods/" + name + ":" + backendPort() + "/proxy/");

            assertThat(refused.status()).as(ip).isEqualTo(400);
            assertThat(refused.json().path("reason").asText()).as(ip).isEqualTo("BadRequest");
            assertThat(refused.json().path("message").asText()).as(ip).isEqualTo("address not allowed");
        }
        assertThat(reached).hasValue(0);
    }

    @Test
    void nodesAtLoopbackOrLinkLocalAddressesAreNotProxiedOnAnyPort() {
        for (String ip : new String[] {"127.0.0.1", "169.254.169.254"}) {
            String node = "proxy-node-" + Integer.toHexString(ip.hashCode()) + "-" + backendPort();
            createNode(node, ip, 10250);

            for (String id : new String[] {node, node + ":" + backendPort(), "http:" + node + ":2379"}) {
                Response refused = api().get("/api/v1/nodes/" + id + "/proxy/v3/kv/range");

                assertThat(refused.status()).as(id).isEqualTo(400);
                assertThat(refused.json().path("reason").asText()).as(id).isEqualTo("BadRequest");
                assertThat(refused.json().path("message").asText()).as(id).isEqualTo("address not allowed");
            }
        }
        assertThat(reached).hasValue(0);
    }

    @Test
    void anEndpointsAddressWithoutAPodTargetRefIsNotProxied() {
        createService("etcd");
        api().post("/api/v1/namespaces/" + ns + "/endpoints", "{\"metadata\":{\"name\":\"etcd\"},\"subsets\":[{"
                + "\"addresses\":[{\"ip\":\"127.0.0.1\"}],\"ports\":[{\"name\":\"http\",\"port\":" + backendPort()
                + "}]}]}");

        Response refused = api().send("POST", "/api/v1/namespaces/" + ns + "/services/etcd:80/proxy/v3/kv/put",
                "{\"key\":\"a\",\"value\":\"b\"}", "application/json");

        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.json().path("reason").asText()).isEqualTo("ServiceUnavailable");
        assertThat(refused.json().path("message").asText()).isEqualTo("no endpoints available for service \"etcd:80\"");
        assertThat(reached).hasValue(0);
    }

    @Test
    void anEndpointsAddressWhoseTargetPodHasAnotherIpOrAnotherNamespaceIsNotProxied() {
        createPod("real", "10.244.9.9");
        String other = createNamespace("proxy-other");
        api().post("/api/v1/namespaces/" + other + "/pods",
                "{\"metadata\":{\"name\":\"real\"},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"i\"}]}}");
        createService("web");
        api().post("/api/v1/namespaces/" + ns + "/endpoints", "{\"metadata\":{\"name\":\"web\"},\"subsets\":[{"
                + "\"addresses\":[" + address("127.0.0.1", ns, "real") + "," + address("127.0.0.1", other, "real") + ","
                + address("127.0.0.1", ns, "missing") + "],"
                + "\"ports\":[{\"name\":\"http\",\"port\":" + backendPort() + "}]}]}");

        Response refused = api().get("/api/v1/namespaces/" + ns + "/services/http:web:http/proxy/");

        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.json().path("message").asText())
                .isEqualTo("no endpoints available for service \"http:web:http\"");
        assertThat(reached).hasValue(0);
    }

    @Test
    void anEndpointsAddressOfAPodAtALoopbackAddressIsNotProxied() {
        createPod("local", "127.0.0.1");
        createService("web");
        api().post("/api/v1/namespaces/" + ns + "/endpoints", "{\"metadata\":{\"name\":\"web\"},\"subsets\":[{"
                + "\"addresses\":[" + address("127.0.0.1", ns, "local") + "],"
                + "\"ports\":[{\"name\":\"http\",\"port\":" + backendPort() + "}]}]}");

        Response refused = api().get("/api/v1/namespaces/" + ns + "/services/web/proxy/");

        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.json().path("message").asText()).isEqualTo("no endpoints available for service \"web\"");
        assertThat(reached).hasValue(0);
    }

    private int backendPort() {
        return backend.getAddress().getPort();
    }

    private static String address(String ip, String namespace, String pod) {
        return "{\"ip\":\"" + ip + "\",\"targetRef\":{\"kind\":\"Pod\",\"namespace\":\"" + namespace
                + "\",\"name\":\"" + pod + "\"}}";
    }

    /** A service whose port 80 is named http (its Endpoints are written by each test). */
    private void createService(String name) {
        assertThat(api().post("/api/v1/namespaces/" + ns + "/services", "{\"metadata\":{\"name\":\"" + name + "\"},"
                + "\"spec\":{\"ports\":[{\"name\":\"http\",\"port\":80}]}}").status()).isEqualTo(201);
    }

    /** A pod whose status claims {@code ip}, as anyone who may write pod status could claim it. */
    private void createPod(String name, String ip) {
        assertThat(api().post("/api/v1/namespaces/" + ns + "/pods", "{\"metadata\":{\"name\":\"" + name + "\"},"
                + "\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"i\",\"ports\":[{\"containerPort\":80}]}]}}")
                .status()).isEqualTo(201);
        Response updated = api().patch("/api/v1/namespaces/" + ns + "/pods/" + name + "/status",
                "application/merge-patch+json", "{\"status\":{\"phase\":\"Running\",\"podIP\":\"" + ip + "\","
                        + "\"podIPs\":[{\"ip\":\"" + ip + "\"}]}}");
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
    }

    private void createNode(String name, String ip, int agentPort) {
        api().post("/api/v1/nodes", "{\"metadata\":{\"name\":\"" + name + "\"}}");
        Response updated = api().patch("/api/v1/nodes/" + name + "/status", "application/merge-patch+json",
                "{\"status\":{\"addresses\":[{\"type\":\"InternalIP\",\"address\":\"" + ip + "\"}],"
                        + "\"daemonEndpoints\":{\"kubeletEndpoint\":{\"Port\":" + agentPort + "}}}}");
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
    }

    @Test
    void anUnknownPodIsNotFound() {
        Response missing = api().get("/api/v1/namespaces/" + ns + "/pods/none:8080/proxy/index.html");

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().path("reason").asText()).isEqualTo("NotFound");
        assertThat(missing.json().path("message").asText()).isEqualTo("pods \"none\" not found");
    }

    @Test
    void aPodWithoutAnAddressIsRefused() {
        api().post("/api/v1/namespaces/" + ns + "/pods",
                "{\"metadata\":{\"name\":\"p\"},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"i\"}]}}");

        Response refused = api().send("POST", "/api/v1/namespaces/" + ns + "/pods/p/proxy/", "{}", "application/json");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("message").asText()).isEqualTo("address not allowed");
    }

    @Test
    void aServiceWithoutEndpointsIsUnavailable() {
        api().post("/api/v1/namespaces/" + ns + "/services",
                "{\"metadata\":{\"name\":\"web\"},\"spec\":{\"ports\":[{\"name\":\"http\",\"port\":80}]}}");
        api().post("/api/v1/namespaces/" + ns + "/endpoints", "{\"metadata\":{\"name\":\"web\"},\"subsets\":[]}");

        Response noEndpoints = api().get("/api/v1/namespaces/" + ns + "/services/http:web:80/proxy/");
        Response noPort = api().get("/api/v1/namespaces/" + ns + "/services/web:81/proxy/");
        Response noService = api().get("/api/v1/namespaces/" + ns + "/services/other/proxy/");

        assertThat(noEndpoints.status()).isEqualTo(503);
        assertThat(noEndpoints.json().path("reason").asText()).isEqualTo("ServiceUnavailable");
        assertThat(noEndpoints.json().path("message").asText()).isEqualTo("no endpoints available for service \"web\"");
        assertThat(noPort.status()).isEqualTo(503);
        assertThat(noPort.json().path("message").asText()).isEqualTo("no service port 81 found for service \"web\"");
        assertThat(noService.status()).isEqualTo(404);
    }

    @Test
    void anUnknownNodeIsNotFoundAndABadIdIsRefused() {
        Response missing = api().get("/api/v1/nodes/no-such-node/proxy/metrics");
        Response malformed = api().get("/api/v1/nodes/a:b:c:d/proxy/");
        Response badScheme = api().get("/api/v1/namespaces/" + ns + "/pods/ftp:p:80/proxy/");

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().path("message").asText()).isEqualTo("nodes \"no-such-node\" not found");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().path("message").asText()).isEqualTo("invalid node request \"a:b:c:d\"");
        assertThat(badScheme.status()).isEqualTo(400);
    }
}
