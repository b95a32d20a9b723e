package dev.keel.api.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.admission.AdmissionChain;
import dev.keel.api.apiextensions.serving.CustomResourceHandling;
import dev.keel.api.admission.AdmissionRequest;
import dev.keel.api.admission.Operation;
import dev.keel.api.objects.ObjectStorage;
import dev.keel.api.objects.StoredObject;
import dev.keel.api.patch.ServerSideApply;
import dev.keel.api.resource.ResourceType;
import dev.keel.api.rest.RequestInfo;
import dev.keel.api.rest.WriteOptions;
import dev.keel.api.status.ApiException;
import dev.keel.api.status.Statuses;
import dev.keel.api.store.KeyExistsException;
import dev.keel.api.store.KeyNotFoundException;
import dev.keel.api.store.RevisionConflictException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Creates and updates objects: decode, server-set metadata, admission, then a guarded write to etcd.
 * Updates compare-and-swap on the revision that was read, so concurrent writers never lose each other's
 * changes: a stale resourceVersion answers 409, and writes that carry none are retried on a fresh read.
 */
public class ObjectWriter {

    private static final int MAX_ATTEMPTS = 5;
    /**
     * Unconditional writes that lose a race re-read and try again, as Kubernetes' guaranteed update does; each
     * attempt has one winner among the racers, so this bound is only reached by a pathological hot spot.
     */
    private static final int MAX_UNCONDITIONAL_ATTEMPTS = 64;
    private static final String NAME_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

    private final ObjectStorage storage;
    private final ModelConverter models;
    private final ObjectPreparation preparation;
    private final AdmissionChain admission;
    private final ServerSideApply serverSideApply;
    private final NamespaceLifecycle namespaceLifecycle;
    private final ObjectDeleter deleter;
    private final CustomResourceHandling custom;
    private final SecureRandom random = new SecureRandom();

    public ObjectWriter(ObjectStorage storage, ModelConverter models, ObjectPreparation preparation, AdmissionChain admission,
            ServerSideApply serverSideApply, NamespaceLifecycle namespaceLifecycle, ObjectDeleter deleter,
            CustomResourceHandling custom) {
        this.custom = custom;
        this.storage = storage;
        this.models = models;
        this.preparation = preparation;
        this.admission = admission;
        this.serverSideApply = serverSideApply;
        this.namespaceLifecycle = namespaceLifecycle;
        this.deleter = deleter;
    }

    /** POST to a collection. Returns the stored object. */
    public ObjectNode create(RequestInfo info, JsonNode body, WriteOptions options, List<String> warnings) {
        ResourceType type = info.type();
        ObjectNode object = models.checkKind(body, type);
        ObjectNode metadata = object.withObjectProperty("metadata");
        if (metadata.hasNonNull("resourceVersion") && !metadata.get("resourceVersion").asText().isEmpty()) {
            throw Statuses.badRequest("resourceVersion should not be set on objects to be created");
        }
        placeInNamespace(info, metadata);
        if (namespaced(type)) {
            namespaceLifecycle.requireActive(type, info.namespace(), metadata.path("name").asText(""));
        }
        return createPrepared(type, object, options, warnings, true);
    }

    /**
     * Stores a new object from the body as sent; shared by POST and by apply that creates. The body is decoded
     * into its model once, after the server-set fields are in, and encoded once after admission.
     */
    ObjectNode createPrepared(ResourceType type, ObjectNode body, WriteOptions options, List<String> warnings,
            boolean recordsManagedFields) {
        ObjectNode metadata = body.withObjectProperty("metadata");
        boolean generated = !metadata.hasNonNull("name") || metadata.get("name").asText().isEmpty();
        String generateName = metadata.path("generateName").asText("");
        if (generated && generateName.isEmpty()) {
            throw Statuses.invalid(type.group(), type.kind(), "", List.of(cause("FieldValueRequired", "metadata.name",
                    "Required value: name or generateName is required")));
        }
        custom.checkCreate(type);
        for (int attempt = 1; ; attempt++) {
            ObjectNode object = body.deepCopy();
            if (generated) {
                object.withObjectProperty("metadata").put("name", generateName(generateName));
            }
            preparation.prepareForCreate(type, object);
            List<String> decodeWarnings = new ArrayList<>();
            custom.decode(type, object, options.fieldValidation(), decodeWarnings);
            AdmissionRequest request = new AdmissionRequest(Operation.CREATE, type, null,
                    models.toModel(object, type, options.fieldValidation(), decodeWarnings), null, options.dryRun());
            if (attempt == 1) {
                warnings.addAll(decodeWarnings);
            }
            admission.admit(request);
            ObjectNode admitted = models.toTree(request.object());
            validateCustom(request, type, admitted, null);
            if (recordsManagedFields) {
                // After defaulting, as Kubernetes does: the creator owns the defaulted fields too.
                serverSideApply.recordUpdate(null, admitted, type, options.fieldManager(), null);
            }
            String name = admitted.path("metadata").path("name").asText();
            String namespace = namespaced(type) ? admitted.path("metadata").path("namespace").asText() : null;
            if (options.dryRun()) {
                request.rollback();
                return admitted;
            }
            try {
                long revision = storage.create(type, namespace, name, custom.forStorage(type, admitted));
                request.commit();
                admitted.withObjectProperty("metadata").put("resourceVersion", Long.toString(revision));
                return admitted;
            } catch (KeyExistsException e) {
                request.rollback();
                if (!generated || attempt >= MAX_ATTEMPTS) {
                    throw Statuses.alreadyExists(type.group(), type.plural(), name);
                }
            } catch (RuntimeException e) {
                request.rollback();
                throw e;
            }
        }
    }

    /**
     * Reads the current object, lets {@code change} compute the desired one, and writes it if it differs.
     *
     * @param change the desired object from the current one; may throw a 4xx ApiException
     * @param mode   whether a missing object is created and who records managedFields
     */
    public ObjectNode update(RequestInfo info, Function<ObjectNode, ObjectNode> change, WriteOptions options,
            List<String> warnings, WriteMode mode) {
        ResourceType type = info.type();
        for (int attempt = 1; ; attempt++) {
            Optional<StoredObject> found = storage.get(type, info.namespace(), info.name());
            if (found.isEmpty()) {
                if (!mode.createsIfAbsent()) {
                    throw Statuses.notFound(type.group(), type.plural(), info.name());
                }
                ObjectNode desired = models.checkKind(change.apply(null), type);
                ObjectNode metadata = desired.withObjectProperty("metadata");
                checkNameMatches(info, metadata);
                placeInNamespace(info, metadata);
                if (namespaced(type)) {
                    namespaceLifecycle.requireActive(type, info.namespace(), info.name());
                }
                try {
                    return createPrepared(type, desired, options, warnings, mode.recordsManagedFields());
                } catch (ApiException e) {
                    if (e.code() == 409 && attempt < MAX_ATTEMPTS) {
                        continue;
                    }
                    throw e;
                }
            }
            StoredObject current = custom.forRead(type, found.get());
            // The change sees the object without its resourceVersion: only one the client sent makes the write
            // conditional; otherwise a lost race is retried on a fresh read, as Kubernetes does for patches.
            ObjectNode base = current.object().deepCopy();
            base.withObjectProperty("metadata").remove("resourceVersion");
            ObjectNode desired = models.checkKind(change.apply(base), type);
            ObjectNode metadata = desired.withObjectProperty("metadata");
            checkNameMatches(info, metadata);
            placeInNamespace(info, metadata);
            checkUidUnchanged(info, metadata, current.object());
            String expected = metadata.path("resourceVersion").asText("");
            boolean unconditional = expected.isEmpty();
            if (!unconditional && !expected.equals(Long.toString(current.revision()))) {
                if (!expected.chars().allMatch(Character::isDigit)) {
                    throw Statuses.badRequest("metadata.resourceVersion: Invalid value: \"" + expected + "\": must be a number");
                }
                throw Statuses.modified(type.group(), type.plural(), info.name());
            }
            ObjectNode prepared = preparation.prepareForUpdate(type, info.subresource(), desired, current.object());
            custom.decode(type, prepared, options.fieldValidation(), warnings);
            AdmissionRequest request = new AdmissionRequest(Operation.UPDATE, type, info.subresource(),
                    models.toModel(prepared, type, options.fieldValidation(), warnings), models.stored(current.object(), type),
                    options.dryRun());
            admission.admit(request);
            ObjectNode admitted = models.toTree(request.object());
            preparation.updateGeneration(type, admitted, current.object());
            validateCustom(request, type, admitted, current.object());
            if (mode.recordsManagedFields()) {
                serverSideApply.recordUpdate(current.object(), admitted, type, options.fieldManager(), info.subresource());
            }
            admitted.withObjectProperty("metadata").put("resourceVersion", Long.toString(current.revision()));
            if (ObjectPreparation.sameContent(admitted, current.object())) {
                request.rollback();
                return current.object();
            }
            if (options.dryRun()) {
                request.rollback();
                return admitted;
            }
            try {
                if (deleter.finalizersDone(type, admitted)) {
                    request.rollback();
                    return deleter.removeNow(type, info.namespace(), info.name(), admitted, current.revision(), false);
                }
                long revision = storage.update(type, info.namespace(), info.name(), custom.forStorage(type, admitted),
                        current.revision());
                request.commit();
                admitted.withObjectProperty("metadata").put("resourceVersion", Long.toString(revision));
                return admitted;
            } catch (RevisionConflictException | KeyNotFoundException e) {
                request.rollback();
                if (!unconditional || attempt >= MAX_UNCONDITIONAL_ATTEMPTS) {
                    throw Statuses.modified(type.group(), type.plural(), info.name());
                }
            } catch (RuntimeException e) {
                request.rollback();
                throw e;
            }
        }
    }

    /**
     * A custom object's schema and CEL rules, after admission: a refusal undoes what admission did (a quota charge),
     * as any failure after admission must.
     */
    private void validateCustom(AdmissionRequest request, ResourceType type, ObjectNode admitted, ObjectNode current) {
        try {
            custom.validate(type, admitted, current);
        } catch (RuntimeException e) {
            request.rollback();
            throw e;
        }
    }

    /** metadata.uid is immutable: an update may leave it out, but not change it (422, as Kubernetes). */
    private static void checkUidUnchanged(RequestInfo info, ObjectNode metadata, ObjectNode current) {
        String uid = metadata.path("uid").asText("");
        String stored = current.path("metadata").path("uid").asText("");
        if (!uid.isEmpty() && !uid.equals(stored)) {
            throw Statuses.invalid(info.group(), info.type().kind(), info.name(),
                    List.of(immutable("metadata.uid", uid)));
        }
    }

    private void checkNameMatches(RequestInfo info, ObjectNode metadata) {
        String name = metadata.path("name").asText("");
        if (name.isEmpty()) {
            metadata.put("name", info.name());
        } else if (!name.equals(info.name())) {
            throw Statuses.badRequest("the name of the object (" + name + ") does not match the name on the URL ("
                    + info.name() + ")");
        }
    }

    private void placeInNamespace(RequestInfo info, ObjectNode metadata) {
        if (!namespaced(info.type())) {
            metadata.remove("namespace");
            return;
        }
        String namespace = metadata.path("namespace").asText("");
        if (namespace.isEmpty()) {
            if (info.namespace() == null) {
                throw Statuses.badRequest("a namespace must be given in the URL or in metadata.namespace");
            }
            metadata.put("namespace", info.namespace());
        } else if (info.namespace() != null && !namespace.equals(info.namespace())) {
            throw Statuses.badRequest("the namespace of the provided object does not match the namespace sent on the request");
        }
    }

    /** Whether objects of {@code type} live in a namespace, as its strategy says. */
    private boolean namespaced(ResourceType type) {
        return preparation.strategy(type).namespaced();
    }

    private String generateName(String prefix) {
        String base = prefix.length() > 58 ? prefix.substring(0, 58) : prefix;
        StringBuilder name = new StringBuilder(base);
        for (int i = 0; i < 5; i++) {
            name.append(NAME_ALPHABET.charAt(random.nextInt(NAME_ALPHABET.length())));
        }
        return name.toString();
    }

    /** The cause Kubernetes gives for a changed immutable field (422). */
    public static io.fabric8.kubernetes.api.model.StatusCause immutable(String field, String value) {
        io.fabric8.kubernetes.api.model.StatusCause cause = new io.fabric8.kubernetes.api.model.StatusCause();
        cause.setReason("FieldValueInvalid");
        cause.setField(field);
        cause.setMessage("Invalid value: \"" + value + "\": field is immutable");
        return cause;
    }

    private static io.fabric8.kubernetes.api.model.StatusCause cause(String reason, String field, String message) {
        io.fabric8.kubernetes.api.model.StatusCause cause = new io.fabric8.kubernetes.api.model.StatusCause();
        cause.setReason(reason);
        cause.setField(field);
        cause.setMessage(message);
        return cause;
    }
}
