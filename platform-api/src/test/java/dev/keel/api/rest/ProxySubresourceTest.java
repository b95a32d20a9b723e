package dev.keel.api.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.api.testing.ApiServerTest;
import dev.keel.api.testing.TestApiClient.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The proxy subresources' answers that need no backend: what Kubernetes answers when there is nothing to proxy to.
 * Forwarding itself runs against real pods and a real node agent in node-agent's {@code DebugAndProxyContainerdTest}.
 */
class ProxySubresourceTest extends ApiServerTest {

    private String ns;

    @BeforeEach
    void namespace() {
        ns = createNamespace("proxy");
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
