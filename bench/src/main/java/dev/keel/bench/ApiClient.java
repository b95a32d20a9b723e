package dev.keel.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Requests to the platform-api with the JDK HttpClient: HTTP/1.1, JSON, one kept-alive connection per
 * concurrent caller. Bodies are read as bytes; only setup and checks parse JSON.
 */
final class ApiClient implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final ApiEndpoint endpoint;
    private final ExecutorService executor;
    private final HttpClient http;

    ApiClient(ApiEndpoint endpoint) {
        this.endpoint = endpoint;
        this.executor = Executors.newCachedThreadPool(Threads.daemon("api-client"));
        this.http = endpoint.newClient(executor);
    }

    ApiEndpoint endpoint() {
        return endpoint;
    }

    static String collection(String namespace) {
        return "/api/v1/namespaces/" + namespace + "/configmaps";
    }

    /** POSTs a ConfigMap; throws unless the API answered 201. */
    void create(String namespace, byte[] body) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = send(endpoint.request(collection(namespace))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        expect(201, response);
    }

    /** GETs a path; throws unless the API answered 200. */
    byte[] get(String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = send(endpoint.request(path).GET());
        expect(200, response);
        return response.body();
    }

    JsonNode getJson(String path) throws IOException, InterruptedException {
        return JSON.readTree(get(path));
    }

    /** Creates a namespace; an existing one is fine. */
    void createNamespace(String name) throws IOException, InterruptedException {
        byte[] body = ("{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + name + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<byte[]> response = send(endpoint.request("/api/v1/namespaces")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        if (response.statusCode() != 409) {
            expect(201, response);
        }
    }

    /** The resourceVersion of a collection right now, to watch from. */
    long listRevision(String namespace) throws IOException, InterruptedException {
        JsonNode list = getJson(collection(namespace) + "?limit=1");
        return Long.parseLong(list.path("metadata").path("resourceVersion").asText());
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void expect(int status, HttpResponse<byte[]> response) throws IOException {
        if (response.statusCode() != status) {
            String body = new String(response.body(), StandardCharsets.UTF_8);
            throw new IOException(response.request().method() + " " + response.uri().getPath() + " answered "
                    + response.statusCode() + " (expected " + status + "): "
                    + body.substring(0, Math.min(300, body.length())));
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
