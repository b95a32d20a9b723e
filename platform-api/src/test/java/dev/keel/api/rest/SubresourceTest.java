package dev.keel.api.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.api.testing.ApiServerTest;
import dev.keel.api.testing.TestApiClient.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SubresourceTest extends ApiServerTest {

    private String ns;

    @BeforeEach
    void namespace() {
        ns = createNamespace("sub");
    }

    private String deployment() {
        String path = "/apis/apps/v1/namespaces/" + ns + "/deployments";
        api().post(path, """
                {"metadata":{"name":"d"},"spec":{"replicas":2,"selector":{"matchLabels":{"app":"d","tier":"web"}},
                 "template":{"metadata":{"labels":{"app":"d","tier":"web"}},"spec":{"containers":[{"name":"c","image":"i"}]}}}}""");
        return path + "/d";
    }

    @Test
    void scaleReadsAndWritesReplicas() {
        String path = deployment();

        JsonNode scale = api().get(path + "/scale").json();
        Response patched = api().patch(path + "/scale", "application/merge-patch+json", "{\"spec\":{\"replicas\":5}}");
        Response put = api().put(path + "/scale", """
                {"kind":"Scale","apiVersion":"autoscaling/v1","metadata":{"name":"d"},"spec":{"replicas":7}}""");

        assertThat(scale.path("kind").asText()).isEqualTo("Scale");
        assertThat(scale.path("apiVersion").asText()).isEqualTo("autoscaling/v1");
        assertThat(scale.path("spec").path("replicas").asInt()).isEqualTo(2);
        assertThat(scale.path("status").path("selector").asText()).isEqualTo("app=d,tier=web");
        assertThat(patched.json().path("spec").path("replicas").asInt()).isEqualTo(5);
        assertThat(put.json().path("spec").path("replicas").asInt()).isEqualTo(7);
        assertThat(api().get(path).json().path("spec").path("replicas").asInt()).isEqualTo(7);
    }

    @Test
    void aStaleScaleConflicts() {
        String path = deployment();
        Response stale = api().put(path + "/scale", """
                {"kind":"Scale","apiVersion":"autoscaling/v1","metadata":{"name":"d","resourceVersion":"1"},"spec":{"replicas":9}}""");

        assertThat(stale.status()).isEqualTo(409);
        assertThat(api().get(path).json().path("spec").path("replicas").asInt()).isEqualTo(2);
    }

    @Test
    void aPodIsBoundOnceAndMarkedScheduled() {
        String pods = "/api/v1/namespaces/" + ns + "/pods";
        api().post(pods, "{\"metadata\":{\"name\":\"p\"},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"i\"}]}}");
        String binding = "{\"apiVersion\":\"v1\",\"kind\":\"Binding\",\"metadata\":{\"name\":\"p\"},\"target\":{\"kind\":\"Node\",\"name\":\"%s\"}}";

        Response first = api().post(pods + "/p/binding", binding.formatted("node-a"));
        Response second = api().post(pods + "/p/binding", binding.formatted("node-b"));
        JsonNode pod = api().get(pods + "/p").json();

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.json().path("message").asText()).contains("already assigned to node \"node-a\"");
        assertThat(pod.path("spec").path("nodeName").asText()).isEqualTo("node-a");
        assertThat(pod.path("status").path("conditions").get(0).path("type").asText()).isEqualTo("PodScheduled");
        assertThat(pod.path("status").path("conditions").get(0).path("status").asText()).isEqualTo("True");
    }

    @Test
    void anEvictionDeletesThePod() {
        String pods = "/api/v1/namespaces/" + ns + "/pods";
        api().post(pods, "{\"metadata\":{\"name\":\"p\"},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"i\"}]}}");

        Response eviction = api().post(pods + "/p/eviction",
                "{\"apiVersion\":\"policy/v1\",\"kind\":\"Eviction\",\"metadata\":{\"name\":\"p\"}}");

        assertThat(eviction.status()).isEqualTo(201);
        assertThat(api().get(pods + "/p").status()).isEqualTo(404);
    }

    @Test
    void nodeStatusIsWrittenThroughItsSubresource() {
        String node = uniqueName("node");
        api().post("/api/v1/nodes", "{\"metadata\":{\"name\":\"" + node + "\"}}");

        Response status = api().patch("/api/v1/nodes/" + node + "/status", "application/merge-patch+json",
                "{\"status\":{\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\"}]}}");

        assertThat(status.status()).isEqualTo(200);
        assertThat(api().get("/api/v1/nodes/" + node).json().path("status").path("conditions").get(0).path("type").asText())
                .isEqualTo("Ready");
    }
}
