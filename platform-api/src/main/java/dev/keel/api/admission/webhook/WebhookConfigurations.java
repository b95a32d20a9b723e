package dev.keel.api.admission.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.codec.ObjectCodec;
import dev.keel.api.objects.ObjectStorage;
import dev.keel.api.objects.StoredObject;
import dev.keel.api.resource.ResourceRegistry;
import dev.keel.api.resource.ResourceType;
import dev.keel.api.watch.WatchHub;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The webhooks of every stored configuration, and the labels of every namespace, from the watch hub: admission asks
 * these, never etcd, on each request (as kube-apiserver's informers serve its webhook plugins). Configurations are
 * ordered by name, webhooks as written in each, which is the order mutating webhooks are called in.
 */
@Component
public class WebhookConfigurations implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WebhookConfigurations.class);

    private final ObjectStorage storage;
    private final ObjectCodec codec;
    private final ResourceType namespaceType;
    private final WatchedObjects mutatingConfigurations;
    private final WatchedObjects validatingConfigurations;
    private final WatchedObjects namespaces;
    private final ScheduledExecutorService retry = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "webhook-configurations");
        thread.setDaemon(true);
        return thread;
    });
    private volatile List<ActiveWebhook> mutating = List.of();
    private volatile List<ActiveWebhook> validating = List.of();
    private volatile boolean running;

    public WebhookConfigurations(ObjectStorage storage, WatchHub hub, ObjectCodec codec, ResourceRegistry registry) {
        this.storage = storage;
        this.codec = codec;
        this.namespaceType = registry.find("", "v1", "namespaces").orElseThrow();
        this.mutatingConfigurations = new WatchedObjects(storage, hub,
                registry.find("admissionregistration.k8s.io", "v1", "mutatingwebhookconfigurations").orElseThrow(), retry,
                this::rebuildMutating);
        this.validatingConfigurations = new WatchedObjects(storage, hub,
                registry.find("admissionregistration.k8s.io", "v1", "validatingwebhookconfigurations").orElseThrow(), retry,
                this::rebuildValidating);
        this.namespaces = new WatchedObjects(storage, hub, namespaceType, retry, () -> { });
    }

    /** Mutating webhooks in call order. */
    public List<ActiveWebhook> mutating() {
        return mutating;
    }

    /** Validating webhooks, in configuration order (they are called together). */
    public List<ActiveWebhook> validating() {
        return validating;
    }

    /**
     * The labels of a namespace, or null when it does not exist. A namespace the cache does not know yet (created a
     * moment ago) is read from etcd.
     */
    public Map<String, String> namespaceLabels(String name) {
        JsonNode namespace = namespaces.get(name);
        if (namespace == null) {
            namespace = storage.get(namespaceType, null, name).map(StoredObject::object).orElse(null);
        }
        if (namespace == null) {
            return null;
        }
        Map<String, String> labels = new HashMap<>();
        namespace.path("metadata").path("labels").properties()
                .forEach(entry -> labels.put(entry.getKey(), entry.getValue().asText()));
        return labels;
    }

    private void rebuildMutating() {
        mutating = build(mutatingConfigurations.all().values(), MutatingWebhookConfiguration.class);
    }

    private void rebuildValidating() {
        validating = build(validatingConfigurations.all().values(), ValidatingWebhookConfiguration.class);
    }

    private <T> List<ActiveWebhook> build(Collection<ObjectNode> stored, Class<T> model) {
        List<ActiveWebhook> webhooks = new ArrayList<>();
        stored.stream()
                .sorted(Comparator.comparing(node -> node.path("metadata").path("name").asText()))
                .forEach(node -> {
                    try {
                        T configuration = codec.convert(node, model);
                        List<Webhook> hooks = configuration instanceof MutatingWebhookConfiguration m ? Webhook.of(m)
                                : Webhook.of((ValidatingWebhookConfiguration) configuration);
                        hooks.stream().filter(Objects::nonNull).map(ActiveWebhook::of).forEach(webhooks::add);
                    } catch (RuntimeException e) {
                        log.warn("{} {} cannot be read and is skipped: {}", model.getSimpleName(),
                                node.path("metadata").path("name").asText(), e.toString());
                    }
                });
        return List.copyOf(webhooks);
    }

    @Override
    public void start() {
        namespaces.start();
        mutatingConfigurations.start();
        validatingConfigurations.start();
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        retry.shutdownNow();
        namespaces.stop();
        mutatingConfigurations.stop();
        validatingConfigurations.stop();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // After the watch hub it subscribes to, before the web server takes requests.
        return Integer.MAX_VALUE - 90;
    }
}
