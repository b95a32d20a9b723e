package dev.keel.scheduler.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keel.scheduler.framework.PodInfo;
import dev.keel.scheduler.framework.Status;
import dev.keel.scheduler.plugins.defaultbinder.PodBinder;
import io.fabric8.kubernetes.api.model.Binding;
import io.fabric8.kubernetes.api.model.BindingBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * POSTs a Binding to the pod's {@code binding} subresource with the pod's UID, so a pod deleted and re-created
 * under the same name is never bound by mistake. The API server refuses (409) to bind a pod that already has a node,
 * which is what keeps two schedulers from binding one pod twice.
 */
public final class ApiPodBinder implements PodBinder {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KubernetesClient client;
    private final Duration timeout;

    public ApiPodBinder(KubernetesClient client, Duration timeout) {
        this.client = client;
        this.timeout = timeout;
    }

    @Override
    public Status bind(PodInfo pod, String nodeName) {
        Binding binding = new BindingBuilder().withNewMetadata().withName(pod.pod().getMetadata().getName())
                .withNamespace(pod.namespace()).withUid(pod.uid()).endMetadata()
                .withNewTarget().withKind("Node").withApiVersion("v1").withName(nodeName).endTarget().build();
        String url = client.getMasterUrl().toString().replaceAll("/$", "") + "/api/v1/namespaces/"
                + encode(pod.namespace()) + "/pods/" + encode(pod.pod().getMetadata().getName()) + "/binding";
        try {
            HttpRequest request = client.getHttpClient().newHttpRequestBuilder().uri(url)
                    .post("application/json", JSON.writeValueAsString(binding)).build();
            HttpResponse<String> response = client.getHttpClient().sendAsync(request, String.class)
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (response.isSuccessful()) {
                return Status.success();
            }
            return Status.error("binding " + pod.key() + " to " + nodeName + " answered " + response.code() + ": " + response.body(), null);
        } catch (JsonProcessingException | ExecutionException | TimeoutException e) {
            return Status.error("binding " + pod.key() + " to " + nodeName + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Status.error("binding " + pod.key() + " was interrupted", e);
        }
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8);
    }
}
