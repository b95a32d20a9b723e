package dev.keel.e2e;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.net.URI;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Request bodies sent byte for byte as written (no client model in between that would drop a null or re-encode a
 * control character), over a fabric8 client's connection, so TLS and credentials come from the kubeconfig.
 */
final class RawRequests {

    /** The server's answer: its HTTP status and body. */
    record Answer(int code, String body) {

        /** The answer shortened for a message: status and the first 300 characters of the body. */
        String brief() {
            return code + " " + (body.length() > 300 ? body.substring(0, 300) + "..." : body);
        }
    }

    private final KubernetesClient client;

    RawRequests(KubernetesClient client) {
        this.client = client;
    }

    /** POSTs {@code json} to {@code path} (e.g. {@code /api/v1/namespaces/x/configmaps}) as application/json. */
    Answer post(String path, String json) {
        HttpClient http = client.getHttpClient();
        URI uri = URI.create(client.getMasterUrl().toString()).resolve(path);
        HttpRequest request = http.newHttpRequestBuilder().uri(uri).post("application/json", json).build();
        try {
            HttpResponse<String> response = http.sendAsync(request, String.class).get(2, TimeUnit.MINUTES);
            return new Answer(response.code(), response.body() == null ? "" : response.body());
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("POST " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during POST " + path, e);
        }
    }
}
