package dev.keel.api.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;

/** A small HTTP client for the API in tests: raw requests, parsed answers, and watch streams. */
public final class TestApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final HttpClient http;
    private final Consumer<HttpRequest.Builder> credentials;

    public TestApiClient(String baseUrl, SSLContext ssl, Consumer<HttpRequest.Builder> credentials) {
        this.baseUrl = baseUrl;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if (ssl != null) {
            builder.sslContext(ssl);
        }
        this.http = builder.build();
        this.credentials = credentials;
    }

    /** The answer to one request. */
    public record Response(int status, Map<String, List<String>> headers, String body) {

        public JsonNode json() {
            try {
                return body.isEmpty() ? MissingNode.getInstance() : JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
        }
    }

    public Response get(String path) {
        return send("GET", path, null, null);
    }

    public Response get(String path, String accept) {
        return send("GET", path, null, null, "Accept", accept);
    }

    public Response post(String path, String json) {
        return send("POST", path, json, "application/json");
    }

    public Response put(String path, String json) {
        return send("PUT", path, json, "application/json");
    }

    public Response patch(String path, String contentType, String body) {
        return send("PATCH", path, body, contentType);
    }

    public Response delete(String path) {
        return send("DELETE", path, null, null);
    }

    public Response delete(String path, String json) {
        return send("DELETE", path, json, "application/json");
    }

    public Response send(String method, String path, String body, String contentType, String... headers) {
        return sendBytes(method, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8), contentType, headers);
    }

    public Response sendBytes(String method, String path, byte[] body, String contentType, String... headers) {
        HttpResponse<String> response = exchange(method, path, body, contentType, headers, HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.headers().map(), response.body());
    }

    /** The answer to one request, its body as bytes (protobuf answers). */
    public record BinaryResponse(int status, Map<String, List<String>> headers, byte[] body) {

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
        }
    }

    /** Like {@link #sendBytes} but keeps the answer as bytes. */
    public BinaryResponse exchangeBytes(String method, String path, byte[] body, String contentType, String... headers) {
        HttpResponse<byte[]> response = exchange(method, path, body, contentType, headers, HttpResponse.BodyHandlers.ofByteArray());
        return new BinaryResponse(response.statusCode(), response.headers().map(), response.body());
    }

    private <T> HttpResponse<T> exchange(String method, String path, byte[] body, String contentType, String[] headers,
            HttpResponse.BodyHandler<T> answer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        credentials.accept(request);
        try {
            return http.send(request.build(), answer);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Opens a request whose answer is read as it streams (a protobuf watch). */
    public HttpResponse<InputStream> stream(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).GET();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        credentials.accept(request);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Opens a watch; events (one JSON object per line) arrive on the returned stream's queue. */
    public WatchEvents watch(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).GET();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        credentials.accept(request);
        try {
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            return new WatchEvents(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("watch " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The events of one watch, read on a background thread. */
    public static final class WatchEvents implements WatchEventSource, AutoCloseable {

        private final int status;
        private final InputStream body;
        private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
        private volatile boolean ended;

        WatchEvents(int status, InputStream body) {
            this.status = status;
            this.body = body;
            Thread reader = new Thread(this::read, "test-watch-reader");
            reader.setDaemon(true);
            reader.start();
        }

        public int status() {
            return status;
        }

        @Override
        public JsonNode next(Duration timeout) throws InterruptedException {
            return events.poll(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        }

        public boolean ended() {
            return ended;
        }

        private void read() {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (!line.isBlank()) {
                        events.add(JSON.readTree(line));
                    }
                }
            } catch (IOException e) {
                // The stream was closed by close() or by the server.
            } finally {
                ended = true;
            }
        }

        @Override
        public void close() {
            try {
                body.close();
            } catch (IOException e) {
                // Closing an interrupted chunked stream may fail; nothing is left to release.
            }
        }
    }
}
