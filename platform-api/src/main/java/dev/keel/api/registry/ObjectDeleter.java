package dev.keel.api.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.admission.ObjectDeletedHook;
import dev.keel.api.objects.ObjectStorage;
import dev.keel.api.objects.StoredObject;
import dev.keel.api.resource.ResourceType;
import dev.keel.api.rest.DeleteOptions;
import dev.keel.api.status.ApiException;
import dev.keel.api.status.Statuses;
import dev.keel.api.store.KeyNotFoundException;
import dev.keel.api.store.RevisionConflictException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Deletes objects as Kubernetes does: at once when nothing holds them, otherwise by marking them with a
 * deletionTimestamp and waiting for finalizers (and, for pods on a node, for the node to confirm the
 * containers stopped within the grace period).
 */
public class ObjectDeleter {

    private static final int MAX_ATTEMPTS = 5;

    private final ObjectStorage storage;
    private final ObjectPreparation preparation;
    private final ModelConverter models;
    private final List<ObjectDeletedHook> hooks;
    private final NamespaceLifecycle namespaceLifecycle;

    public ObjectDeleter(ObjectStorage storage, ObjectPreparation preparation, ModelConverter models,
            List<ObjectDeletedHook> hooks, NamespaceLifecycle namespaceLifecycle) {
        this.storage = storage;
        this.preparation = preparation;
        this.models = models;
        this.hooks = List.copyOf(hooks);
        this.namespaceLifecycle = namespaceLifecycle;
    }

    /** The result of a delete: the object when it still exists (or for pods), otherwise null. */
    public record Result(ObjectNode object, boolean removed, String uid) {
    }

    public Result delete(ResourceType type, String namespace, String name, DeleteOptions options) {
        for (int attempt = 1; ; attempt++) {
            StoredObject current = storage.get(type, namespace, name)
                    .orElseThrow(() -> Statuses.notFound(type.group(), type.plural(), name));
            ObjectNode object = current.object();
            ObjectNode metadata = (ObjectNode) object.get("metadata");
            String uid = metadata.path("uid").asText();
            checkPreconditions(type, name, options, metadata, current.revision());
            try {
                return deleteStored(type, namespace, name, options, current, object, metadata, uid);
            } catch (RevisionConflictException | KeyNotFoundException e) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw Statuses.modified(type.group(), type.plural(), name);
                }
            }
        }
    }

    private Result deleteStored(ResourceType type, String namespace, String name, DeleteOptions options,
            StoredObject current, ObjectNode object, ObjectNode metadata, String uid) {
        ObjectNode marked = object.deepCopy();
        ObjectNode markedMetadata = (ObjectNode) marked.get("metadata");
        boolean alreadyDeleting = metadata.hasNonNull("deletionTimestamp");
        addPropagationFinalizer(markedMetadata, options.propagationPolicy());
        DeletionRule rule = preparation.strategy(type).deletion();
        long grace = rule.gracePeriodSeconds(object, options.gracePeriodSeconds());
        boolean holdsForFinalizers = hasFinalizers(markedMetadata) || rule.heldBySpec(marked);
        boolean graceful = grace > 0;
        if (!holdsForFinalizers && !graceful) {
            return new Result(removeNow(type, namespace, name, object, current.revision(), options.dryRun()), true, uid);
        }
        // A shorter grace period (0 too: the node confirms while finalizers still hold the pod) may shorten a
        // deletion already under way, never lengthen it.
        boolean shortens = alreadyDeleting && grace < metadata.path("deletionGracePeriodSeconds").asLong(Long.MAX_VALUE);
        if (!alreadyDeleting || shortens) {
            long seconds = graceful ? grace : 0;
            Instant now = preparation.instant().truncatedTo(ChronoUnit.SECONDS);
            markedMetadata.put("deletionTimestamp", now.plusSeconds(seconds).toString());
            markedMetadata.put("deletionGracePeriodSeconds", seconds);
            if (!alreadyDeleting) {
                rule.deletionStarted(marked);
            }
        }
        if (ObjectPreparation.sameContent(marked, object) || options.dryRun()) {
            return new Result(marked, false, uid);
        }
        long revision = storage.update(type, namespace, name, marked, current.revision());
        markedMetadata.put("resourceVersion", Long.toString(revision));
        if (namespaceLifecycle.isNamespaces(type)) {
            namespaceLifecycle.terminating(name);
        }
        return new Result(marked, false, uid);
    }

    /** Deletes each of {@code objects} (a deletecollection); one deleted meanwhile by someone else is skipped. */
    public void deleteAll(ResourceType type, List<StoredObject> objects, DeleteOptions options) {
        for (StoredObject object : objects) {
            JsonNode metadata = object.object().path("metadata");
            try {
                delete(type, metadata.path("namespace").asText(null), metadata.path("name").asText(), options);
            } catch (ApiException e) {
                if (e.code() != 404) {
                    throw e;
                }
            }
        }
    }

    /** Whether an object being deleted has nothing left holding it (no finalizers, no grace period running). */
    public boolean finalizersDone(ResourceType type, ObjectNode object) {
        JsonNode metadata = object.path("metadata");
        DeletionRule rule = preparation.strategy(type).deletion();
        if (!metadata.hasNonNull("deletionTimestamp") || hasFinalizers(metadata) || rule.heldBySpec(object)) {
            return false;
        }
        return !rule.awaitsConfirmation(object);
    }

    /** Removes the object from storage now and tells the hooks. Returns the object as it was. */
    public ObjectNode removeNow(ResourceType type, String namespace, String name, ObjectNode object, long revision,
            boolean dryRun) {
        if (dryRun) {
            return object;
        }
        try {
            storage.delete(type, namespace, name, revision);
        } catch (KeyNotFoundException e) {
            throw Statuses.notFound(type.group(), type.plural(), name);
        }
        HasMetadata model = models.stored(object, type);
        for (ObjectDeletedHook hook : hooks) {
            hook.deleted(type, model);
        }
        return object;
    }

    private static void checkPreconditions(ResourceType type, String name, DeleteOptions options, ObjectNode metadata,
            long revision) {
        if (options.preconditionUid() != null && !options.preconditionUid().equals(metadata.path("uid").asText())) {
            throw Statuses.conflict(type.group(), type.plural(), name, "Precondition failed: UID in precondition: "
                    + options.preconditionUid() + ", UID in object meta: " + metadata.path("uid").asText());
        }
        if (options.preconditionResourceVersion() != null
                && !options.preconditionResourceVersion().equals(Long.toString(revision))) {
            throw Statuses.conflict(type.group(), type.plural(), name, "Precondition failed: ResourceVersion in precondition: "
                    + options.preconditionResourceVersion() + ", ResourceVersion in object meta: " + revision);
        }
    }

    private static void addPropagationFinalizer(ObjectNode metadata, String policy) {
        if (policy == null || policy.equals("Background")) {
            return;
        }
        String finalizer = policy.equals("Foreground") ? "foregroundDeletion" : "orphan";
        ArrayNode finalizers = metadata.withArrayProperty("finalizers");
        for (JsonNode existing : finalizers) {
            if (existing.asText().equals(finalizer)) {
                return;
            }
        }
        finalizers.add(finalizer);
    }

    private static boolean hasFinalizers(JsonNode metadata) {
        JsonNode finalizers = metadata.path("finalizers");
        return finalizers.isArray() && !finalizers.isEmpty();
    }
}
