package dev.keel.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;

/**
 * Where and how to reach the platform-api of this run: plain http without credentials, or https trusting the CA
 * the server wrote and sending its admin bearer token.
 */
record ApiEndpoint(URI base, SSLContext ssl, String token, String description) {

    static ApiEndpoint plain(int port) {
        return new ApiEndpoint(URI.create("http://127.0.0.1:" + port), null, null, "http, no credentials");
    }

    static ApiEndpoint secure(int port, SSLContext ssl, String token, String description) {
        return new ApiEndpoint(URI.create("https://127.0.0.1:" + port), ssl, token, description);
    }

    boolean https() {
        return ssl != null;
    }

    /** An HTTP/1.1 client (one connection per concurrent request, kept alive) for this endpoint. */
    HttpClient newClient(Executor executor) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER);
        if (executor != null) {
            builder.executor(executor);
        }
        if (ssl != null) {
            builder.sslContext(ssl);
        }
        return builder.build();
    }

    HttpRequest.Builder request(String pathAndQuery) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(pathAndQuery));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    /** POSTs a JSON body and returns the status, the answer's body discarded. */
    int postJson(HttpClient client, String pathAndQuery, String body) throws java.io.IOException, InterruptedException {
        HttpRequest post = request(pathAndQuery).timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, java.nio.charset.StandardCharsets.UTF_8)).build();
        return client.send(post, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
