package dev.keel.api.apiextensions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.codec.FieldValidation;
import dev.keel.api.objects.ObjectStorage;
import dev.keel.api.objects.StoredObject;
import dev.keel.api.resource.ResourceRegistry;
import dev.keel.api.resource.ResourceType;
import dev.keel.api.registry.ModelConverter;
import dev.keel.api.registry.ObjectWriter;
import dev.keel.api.registry.WriteMode;
import dev.keel.api.rest.RequestInfo;
import dev.keel.api.rest.WriteOptions;
import dev.keel.api.status.ApiException;
import dev.keel.api.watch.ChangeEvent;
import dev.keel.api.watch.ChangeListener;
import dev.keel.api.watch.WatchHub;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * What kube-apiserver's apiextensions controllers do, inside platform-api: the naming controller (status.acceptedNames
 * and NamesAccepted, conflicts with other CRDs of the group), the establishing controller (Established once the
 * names are accepted) and the finalizer (a deleted CRD's objects are deleted, then its cleanup finalizer removed).
 * It follows CRDs through the watch hub; one worker thread syncs one CRD name at a time, so its writes never race
 * each other, and every write is a compare-and-swap through {@link ObjectWriter} (admission included).
 */
@Component
public class CustomResourceDefinitionController implements SmartLifecycle, ChangeListener {

    private static final Logger log = LoggerFactory.getLogger(CustomResourceDefinitionController.class);
    private static final String MANAGER = "keel-apiextensions-controller";
    private static final long RETRY_SECONDS = 2;

    private final ObjectStorage storage;
    private final WatchHub hub;
    private final ModelConverter models;
    private final ObjectWriter writer;
    private final CustomResourceCleanup cleanup;
    private final CustomResourceDefinitions registry;
    private final Clock clock;
    private final ResourceType crds;
    /** The stored CRDs by name, as the watch last reported them. */
    private final Map<String, CustomResourceDefinition> known = new ConcurrentHashMap<>();
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "crd-controller");
        thread.setDaemon(true);
        return thread;
    });
    private volatile WatchHub.Subscription subscription;

    public CustomResourceDefinitionController(ObjectStorage storage, WatchHub hub, ModelConverter models, ObjectWriter writer,
            CustomResourceCleanup cleanup, CustomResourceDefinitions registry, Clock clock, ResourceRegistry resources) {
        this.storage = storage;
        this.hub = hub;
        this.models = models;
        this.writer = writer;
        this.cleanup = cleanup;
        this.registry = registry;
        this.clock = clock;
        this.crds = resources.find("apiextensions.k8s.io", "v1", "customresourcedefinitions").orElseThrow();
    }

    @Override
    public boolean onChange(ChangeEvent event) {
        CustomResourceDefinition crd = (CustomResourceDefinition) models.stored(event.object(), crds);
        String name = crd.getMetadata().getName();
        if (event.type() == ChangeEvent.Type.DELETED) {
            known.remove(name);
            worker.execute(() -> removed(crd));
        } else {
            known.put(name, crd);
            enqueue(name, 0);
        }
        return true;
    }

    @Override
    public void onProgress(long revision) {
    }

    @Override
    public void onClosed(ApiException reason) {
        if (reason != null && subscription != null) {
            log.info("CRD watch closed ({}); following again", reason.getMessage());
            worker.schedule(this::refollow, 1, TimeUnit.SECONDS);
        }
    }

    private void refollow() {
        if (subscription == null) {
            return;
        }
        try {
            follow();
        } catch (RuntimeException e) {
            log.info("CRD watch not resumed yet ({}); trying again", e.getMessage());
            worker.schedule(this::refollow, 1, TimeUnit.SECONDS);
        }
    }

    private void follow() {
        ObjectStorage.Page page = storage.list(crds, null, null, 0, 0);
        for (StoredObject stored : page.items()) {
            CustomResourceDefinition crd = (CustomResourceDefinition) models.stored(stored.object(), crds);
            known.put(crd.getMetadata().getName(), crd);
            enqueue(crd.getMetadata().getName(), 0);
        }
        subscription = hub.subscribe(crds, page.revision(), this);
    }

    private void enqueue(String name, long delaySeconds) {
        if (delaySeconds == 0 && !queued.add(name)) {
            return;
        }
        Runnable run = () -> {
            queued.remove(name);
            try {
                sync(name);
            } catch (RuntimeException e) {
                log.warn("Syncing CustomResourceDefinition {} failed; retrying in {}s", name, RETRY_SECONDS, e);
                enqueue(name, RETRY_SECONDS);
            }
        };
        if (delaySeconds == 0) {
            worker.execute(run);
        } else {
            worker.schedule(run, delaySeconds, TimeUnit.SECONDS);
        }
    }

    private void sync(String name) {
        Optional<StoredObject> stored = storage.get(crds, null, name);
        if (stored.isEmpty()) {
            return;
        }
        CustomResourceDefinition crd = (CustomResourceDefinition) models.stored(stored.get().object(), crds);
        if (crd.getMetadata().getDeletionTimestamp() != null) {
            if (CustomResourceDefinitionConditions.isTrue(crd, CustomResourceDefinitionConditions.ESTABLISHED)) {
                registry.markEstablished(crd);
            }
            finalizeDeleted(crd);
            return;
        }
        boolean namesChanged = writeStatus(name, this::namesAndEstablished);
        if (namesChanged) {
            // Names this CRD gave up or took may free or block others of the group.
            requeueGroup(crd);
            return;
        }
        if (CustomResourceDefinitionConditions.isTrue(crd, CustomResourceDefinitionConditions.ESTABLISHED)) {
            registry.markEstablished(crd);
        }
    }

    /** Accepted names and NamesAccepted, then Established once they are accepted; false when nothing changes. */
    private boolean namesAndEstablished(CustomResourceDefinition crd) {
        boolean changed = false;
        if (!AcceptedNames.same(crd.getSpec().getNames(), crd.getStatus() == null ? null : crd.getStatus().getAcceptedNames())) {
            AcceptedNames.Result result = AcceptedNames.calculate(crd, known.values());
            var current = CustomResourceDefinitionConditions.find(crd, CustomResourceDefinitionConditions.NAMES_ACCEPTED);
            if (!AcceptedNames.same(result.names(), crd.getStatus().getAcceptedNames()) || current == null
                    || !Objects.equals(current.getStatus(), result.status()) || !Objects.equals(current.getReason(), result.reason())
                    || !Objects.equals(current.getMessage(), result.message())) {
                crd.getStatus().setAcceptedNames(result.names());
                CustomResourceDefinitionConditions.set(crd, CustomResourceDefinitionConditions.NAMES_ACCEPTED, result.status(),
                        result.reason(), result.message(), clock.instant());
                changed = true;
            }
        } else if (CustomResourceDefinitionConditions.find(crd, CustomResourceDefinitionConditions.NAMES_ACCEPTED) == null) {
            CustomResourceDefinitionConditions.set(crd, CustomResourceDefinitionConditions.NAMES_ACCEPTED, "True", "NoConflicts",
                    "no conflicts found", clock.instant());
            changed = true;
        }
        boolean namesAccepted = CustomResourceDefinitionConditions.isTrue(crd, CustomResourceDefinitionConditions.NAMES_ACCEPTED);
        boolean established = CustomResourceDefinitionConditions.isTrue(crd, CustomResourceDefinitionConditions.ESTABLISHED);
        if (namesAccepted && !established) {
            CustomResourceDefinitionConditions.set(crd, CustomResourceDefinitionConditions.ESTABLISHED, "True",
                    "InitialNamesAccepted", "the initial names have been accepted", clock.instant());
            changed = true;
        } else if (!namesAccepted && !established
                && CustomResourceDefinitionConditions.find(crd, CustomResourceDefinitionConditions.ESTABLISHED) == null) {
            CustomResourceDefinitionConditions.set(crd, CustomResourceDefinitionConditions.ESTABLISHED, "False", "NotAccepted",
                    "not all names are accepted", clock.instant());
            changed = true;
        }
        return changed;
    }

    /** The finalizer's work: Terminating, the objects deleted, then the cleanup finalizer removed. */
    private void finalizeDeleted(CustomResourceDefinition crd) {
        String name = crd.getMetadata().getName();
        List<String> finalizers = crd.getMetadata().getFinalizers();
        if (finalizers == null || !finalizers.contains(CustomResourceDefinitionDefaulting.CLEANUP_FINALIZER)) {
            return;
        }
        writeStatus(name, current -> setTerminating(current, "True", "InstanceDeletionInProgress",
                "CustomResource deletion is in progress"));
        if (CustomResourceDefinitionConditions.isTrue(crd, CustomResourceDefinitionConditions.ESTABLISHED)) {
            CustomResourceCleanup.Outcome outcome = cleanup.deleteAll(crd);
            if (!outcome.done()) {
                writeStatus(name, current -> setTerminating(current, "True", outcome.reason(), outcome.message()));
                log.info("CustomResourceDefinition {}: {}; checking again in {}s", name, outcome.message(), RETRY_SECONDS);
                enqueue(name, RETRY_SECONDS);
                return;
            }
            writeStatus(name, current -> setTerminating(current, "False", "InstanceDeletionCompleted", "removed all instances"));
        } else {
            writeStatus(name, current -> setTerminating(current, "False", "NeverEstablished", "resource was never established"));
        }
        writer.update(new RequestInfo(crds, null, name, null), current -> {
            ObjectNode copy = current.deepCopy();
            var list = copy.path("metadata").path("finalizers");
            if (list.isArray()) {
                for (int i = list.size() - 1; i >= 0; i--) {
                    if (CustomResourceDefinitionDefaulting.CLEANUP_FINALIZER.equals(list.get(i).asText())) {
                        ((com.fasterxml.jackson.databind.node.ArrayNode) list).remove(i);
                    }
                }
            }
            return copy;
        }, options(), new ArrayList<>(), WriteMode.WITHOUT_MANAGED_FIELDS);
        log.info("CustomResourceDefinition {}: instances cleaned up, finalizer {} removed", name,
                CustomResourceDefinitionDefaulting.CLEANUP_FINALIZER);
    }

    private boolean setTerminating(CustomResourceDefinition crd, String status, String reason, String message) {
        var current = CustomResourceDefinitionConditions.find(crd, CustomResourceDefinitionConditions.TERMINATING);
        if (current != null && status.equals(current.getStatus()) && reason.equals(current.getReason())
                && message.equals(current.getMessage())) {
            return false;
        }
        CustomResourceDefinitionConditions.set(crd, CustomResourceDefinitionConditions.TERMINATING, status, reason, message,
                clock.instant());
        return true;
    }

    private interface StatusChange {
        /** Changes the CRD's status in place; false when there is nothing to write. */
        boolean apply(CustomResourceDefinition crd);
    }

    /** Writes {@code status} through the status subresource, recomputed on a fresh read when another writer won. */
    private boolean writeStatus(String name, StatusChange change) {
        boolean[] changed = {false};
        writer.update(new RequestInfo(crds, null, name, "status"), current -> {
            CustomResourceDefinition crd = (CustomResourceDefinition) models.stored(current, crds);
            if (crd.getStatus() == null) {
                crd.setStatus(new io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionStatus());
            }
            changed[0] = change.apply(crd);
            return changed[0] ? models.toTree(crd) : current;
        }, options(), new ArrayList<>(), WriteMode.WITHOUT_MANAGED_FIELDS);
        return changed[0];
    }

    private void removed(CustomResourceDefinition crd) {
        registry.markRemoved(crd);
        log.info("CustomResourceDefinition {} removed", crd.getMetadata().getName());
        requeueGroup(crd);
    }

    private void requeueGroup(CustomResourceDefinition crd) {
        for (CustomResourceDefinition other : known.values()) {
            if (!other.getMetadata().getName().equals(crd.getMetadata().getName())
                    && Objects.equals(other.getSpec().getGroup(), crd.getSpec().getGroup())) {
                enqueue(other.getMetadata().getName(), 0);
            }
        }
    }

    private static WriteOptions options() {
        return new WriteOptions(false, MANAGER, FieldValidation.IGNORE, false);
    }

    @Override
    public void start() {
        follow();
    }

    @Override
    public void stop() {
        WatchHub.Subscription current = subscription;
        subscription = null;
        if (current != null) {
            current.close();
        }
        worker.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return subscription != null;
    }

    @Override
    public int getPhase() {
        // After the watch hub it follows, like NamespaceLifecycle.
        return Integer.MAX_VALUE - 90;
    }
}
