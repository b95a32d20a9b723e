package dev.keel.api.admission.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import org.springframework.stereotype.Component;

/**
 * POSTs an AdmissionReview to one webhook over HTTPS and reads its answer. The whole exchange (connect, TLS,
 * request, answer) is bounded by the webhook's {@code timeoutSeconds}; anything that goes wrong, including an
 * answer that is not a valid v1 AdmissionReview for this request, is a {@link WebhookCallException}.
 */
@Component
public class WebhookClient {

    private static final int MAX_CLIENTS = 64;

    private final WebhookTargets targets;
    private final WebhookProperties properties;
    private final ObjectMapper json = new ObjectMapper();
    /** One client per trust (CA bundle and name to verify), so connections are reused between calls. */
    private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();

    public WebhookClient(WebhookTargets targets, WebhookProperties properties) {
        this.targets = targets;
        this.properties = properties;
    }

    WebhookAnswer call(Webhook webhook, ObjectNode review) {
        int timeout = webhook.timeout();
        WebhookTarget target = targets.resolve(webhook.clientConfig(), timeout);
        byte[] body;
        try {
            body = json.writeValueAsBytes(review);
        } catch (IOException e) {
            throw new IllegalStateException("could not encode the AdmissionReview: " + e.getMessage(), e);
        }
        HttpRequest request = HttpRequest.newBuilder(target.uri())
                .timeout(Duration.ofSeconds(timeout))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, */*")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<byte[]> response = exchange(client(webhook, target), request, target, timeout);
        if (response.statusCode() < 200 || response.statusCode() > 299) {
            String text = new String(response.body(), StandardCharsets.UTF_8);
            throw new WebhookCallException("failed to call webhook: the server responded with the status code "
                    + response.statusCode() + ": " + abbreviate(text));
        }
        if (response.body().length > properties.getMaxResponseBytes()) {
            throw new WebhookCallException("failed to call webhook: the answer is larger than "
                    + properties.getMaxResponseBytes() + " bytes");
        }
        JsonNode answer;
        try {
            answer = json.readTree(response.body());
        } catch (IOException e) {
            throw new WebhookCallException("failed to call webhook: the answer is not JSON: " + firstLine(e.getMessage()));
        }
        return verify(answer, review.path("request").path("uid").asText(), webhook.mutating());
    }

    private static HttpResponse<byte[]> exchange(HttpClient client, HttpRequest request, WebhookTarget target, int timeout) {
        CompletableFuture<HttpResponse<byte[]>> pending = client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        String post = "failed to call webhook: Post \"" + target.shownUri() + "\": ";
        try {
            // The request timeout covers the answer's head only; this bound covers a body that trickles in too.
            return pending.get(timeout, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new WebhookCallException(post + "context deadline exceeded", e);
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new WebhookCallException(post + "interrupted", e);
        } catch (ExecutionException | CancellationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new WebhookCallException(post + describe(cause, target.uri()), cause);
        }
    }

    private static String describe(Throwable cause, URI uri) {
        String address = uri.getHost() + ":" + uri.getPort();
        if (cause instanceof HttpTimeoutException) {
            return "context deadline exceeded";
        }
        if (cause instanceof ConnectException) {
            return "dial tcp " + address + ": connect: connection refused";
        }
        if (cause instanceof SSLException) {
            return "tls: " + rootMessage(cause);
        }
        return rootMessage(cause);
    }

    private HttpClient client(Webhook webhook, WebhookTarget target) {
        String caBundle = webhook.clientConfig().getCaBundle() == null ? "" : webhook.clientConfig().getCaBundle();
        String key = caBundle + "|" + target.serverName();
        HttpClient client = clients.get(key);
        if (client == null) {
            if (clients.size() >= MAX_CLIENTS) {
                clients.clear();
            }
            try {
                client = HttpClient.newBuilder().sslContext(WebhookTls.context(caBundle, target.serverName())).build();
            } catch (IllegalArgumentException e) {
                throw new WebhookCallException("failed to call webhook: unusable caBundle: " + e.getMessage(), e);
            }
            clients.put(key, client);
        }
        return client;
    }

    /** kube-apiserver's VerifyAdmissionResponse for a v1 review. */
    private static WebhookAnswer verify(JsonNode review, String uid, boolean mutating) {
        String apiVersion = review.path("apiVersion").asText("");
        String kind = review.path("kind").asText("");
        if (!apiVersion.equals("admission.k8s.io/v1") || !kind.equals("AdmissionReview")) {
            throw invalid("expected webhook response of admission.k8s.io/v1, Kind=AdmissionReview, got "
                    + (apiVersion.isEmpty() ? "/" : apiVersion) + ", Kind=" + kind);
        }
        JsonNode response = review.path("response");
        if (!response.isObject()) {
            throw invalid("webhook response was absent");
        }
        if (!uid.equals(response.path("uid").asText(""))) {
            throw invalid("expected response.uid=\"" + uid + "\", got \"" + response.path("uid").asText("") + "\"");
        }
        JsonNode patch = null;
        boolean hasPatch = response.hasNonNull("patch") && !response.path("patch").asText("").isEmpty();
        boolean hasPatchType = response.hasNonNull("patchType") && !response.path("patchType").asText("").isEmpty();
        if (mutating) {
            if (hasPatch && !hasPatchType) {
                throw invalid("webhook returned response.patch but not response.patchType");
            }
            if (hasPatchType && !response.path("patchType").asText().equals("JSONPatch")) {
                throw invalid("webhook returned invalid response.patchType of \"" + response.path("patchType").asText() + "\"");
            }
            if (hasPatch) {
                patch = decodePatch(response.path("patch").asText());
            }
        } else {
            if (hasPatch) {
                throw invalid("validating webhook may not return response.patch");
            }
            if (hasPatchType) {
                throw invalid("validating webhook may not return response.patchType");
            }
        }
        List<String> warnings = new ArrayList<>();
        response.path("warnings").forEach(warning -> warnings.add(warning.asText()));
        Map<String, String> annotations = new LinkedHashMap<>();
        response.path("auditAnnotations").properties().forEach(entry -> annotations.put(entry.getKey(), entry.getValue().asText()));
        return new WebhookAnswer(response.path("allowed").asBoolean(false), response.get("status"), patch, warnings, annotations);
    }

    private static JsonNode decodePatch(String base64) {
        try {
            return new ObjectMapper().readTree(Base64.getDecoder().decode(base64));
        } catch (IllegalArgumentException | IOException e) {
            throw invalid("response.patch is not base64-encoded JSON: " + firstLine(e.getMessage()));
        }
    }

    private static WebhookCallException invalid(String why) {
        return new WebhookCallException("received invalid webhook response: " + why);
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
