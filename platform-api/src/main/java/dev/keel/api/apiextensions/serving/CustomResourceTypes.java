package dev.keel.api.apiextensions.serving;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.api.objects.ObjectStorage;
import dev.keel.api.objects.StoredObject;
import dev.keel.api.resource.ResourceRegistry;
import dev.keel.api.resource.ResourceType;
import dev.keel.api.status.ApiException;
import dev.keel.api.watch.ChangeEvent;
import dev.keel.api.watch.ChangeListener;
import dev.keel.api.watch.WatchHub;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Serves the kinds stored CustomResourceDefinitions define: watches the CRDs through the watch hub and adds each
 * served version to the {@link ResourceRegistry} as a {@link ResourceType}, or takes it away when the CRD goes, stops
 * serving the version or is being deleted. A CRD counts as served once stored (the CRD controller's Established
 * condition may replace that test: {@link #define} and {@link #forget} are the entry points).
 */
public class CustomResourceTypes implements SmartLifecycle, ChangeListener {

    private static final Logger log = LoggerFactory.getLogger(CustomResourceTypes.class);

    private final ResourceRegistry registry;
    private final ObjectStorage storage;
    private final WatchHub hub;
    private final ResourceType definitions;
    private final Map<String, List<CustomKind>> byDefinition = new ConcurrentHashMap<>();
    private final Map<ResourceType, CustomKind> byType = new ConcurrentHashMap<>();
    private final ScheduledExecutorService restarts = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "custom-resource-types");
        thread.setDaemon(true);
        return thread;
    });
    private volatile WatchHub.Subscription subscription;
    private volatile boolean running;

    public CustomResourceTypes(ResourceRegistry registry, ObjectStorage storage, WatchHub hub) {
        this.registry = registry;
        this.storage = storage;
        this.hub = hub;
        this.definitions = registry.find("apiextensions.k8s.io", "v1", "customresourcedefinitions").orElseThrow();
    }

    /** What the CRD says of a custom type; empty for built-in types. */
    public Optional<CustomKind> kindOf(ResourceType type) {
        return type == null ? Optional.empty() : Optional.ofNullable(byType.get(type));
    }

    /** Every served custom version. */
    public List<CustomKind> all() {
        return List.copyOf(byType.values());
    }

    /** The served versions of the same CRD as {@code kind}, preferred first. */
    public List<CustomKind> versionsOf(CustomKind kind) {
        return byDefinition.getOrDefault(kind.crdName(), List.of());
    }

    /** Serves the versions of {@code crd} (a stored CustomResourceDefinition), replacing what it defined before. */
    public synchronized void define(JsonNode crd) {
        String name = crd.path("metadata").path("name").asText();
        if (crd.path("metadata").hasNonNull("deletionTimestamp")) {
            forget(name);
            return;
        }
        List<CustomKind> kinds = new ArrayList<>();
        for (CustomKind kind : CustomKinds.of(crd)) {
            Optional<ResourceType> existing = registry.find(kind.type().group(), kind.type().version(), kind.type().plural());
            if (existing.isPresent() && !byType.containsKey(existing.get())) {
                log.warn("CustomResourceDefinition {} names {}, which is built in: not served", name,
                        kind.type().qualifiedName());
                continue;
            }
            kinds.add(kind);
        }
        List<CustomKind> previous = byDefinition.getOrDefault(name, List.of());
        if (previous.equals(kinds)) {
            return;
        }
        // An unchanged type keeps its instance: the watch hub matches retained changes to watchers by identity.
        for (int i = 0; i < kinds.size(); i++) {
            CustomKind kind = kinds.get(i);
            for (CustomKind old : previous) {
                if (old.type().equals(kind.type())) {
                    kinds.set(i, new CustomKind(old.type(), kind.crdName(), kind.crdUid(), kind.crdGeneration(),
                            kind.storageVersion(), kind.schema(), kind.printerColumns(), kind.selectableFields(), kind.scale()));
                }
            }
        }
        List<ResourceType> removed = previous.stream().map(CustomKind::type).toList();
        previous.forEach(k -> byType.remove(k.type()));
        kinds.forEach(k -> byType.put(k.type(), k));
        byDefinition.put(name, List.copyOf(kinds));
        registry.update(kinds.stream().map(CustomKind::type).toList(), removed);
        log.info("CustomResourceDefinition {} serves {}", name,
                kinds.stream().map(k -> k.type().apiVersion() + "/" + k.type().plural()).toList());
    }

    /** Stops serving what the CRD named {@code name} defined. */
    public synchronized void forget(String name) {
        List<CustomKind> previous = byDefinition.remove(name);
        if (previous == null || previous.isEmpty()) {
            return;
        }
        previous.forEach(k -> byType.remove(k.type()));
        registry.update(List.of(), previous.stream().map(CustomKind::type).toList());
        log.info("CustomResourceDefinition {} no longer served", name);
    }

    @Override
    public void start() {
        running = true;
        resync();
    }

    /** Lists the stored CRDs, serves exactly those, then follows changes from the revision listed. */
    private void resync() {
        if (!running) {
            return;
        }
        try {
            ObjectStorage.Page page = storage.list(definitions, null, null, 0, 0);
            List<String> seen = new ArrayList<>();
            for (StoredObject object : page.items()) {
                define(object.object());
                seen.add(object.object().path("metadata").path("name").asText());
            }
            for (String name : List.copyOf(byDefinition.keySet())) {
                if (!seen.contains(name)) {
                    forget(name);
                }
            }
            subscription = hub.subscribe(definitions, page.revision(), this);
        } catch (RuntimeException e) {
            log.warn("Could not read the CustomResourceDefinitions ({}); trying again", e.getMessage(), e);
            restarts.schedule(this::resync, 1, TimeUnit.SECONDS);
        }
    }

    @Override
    public boolean onChange(ChangeEvent event) {
        try {
            if (event.type() == ChangeEvent.Type.DELETED) {
                forget(event.object().path("metadata").path("name").asText());
            } else {
                define(event.object());
            }
        } catch (RuntimeException e) {
            log.error("Could not serve CustomResourceDefinition {}", event.object().path("metadata").path("name").asText(), e);
        }
        return true;
    }

    @Override
    public void onProgress(long revision) {
    }

    @Override
    public void onClosed(ApiException reason) {
        if (running) {
            log.info("CustomResourceDefinition watch closed ({}); listing again", reason == null ? "stopped" : reason.getMessage());
            restarts.schedule(this::resync, 1, TimeUnit.SECONDS);
        }
    }

    @Override
    public void stop() {
        running = false;
        WatchHub.Subscription current = subscription;
        if (current != null) {
            current.close();
        }
        restarts.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // After the watch hub (Integer.MAX_VALUE - 100) and before the web server takes requests.
        return Integer.MAX_VALUE - 90;
    }
}
