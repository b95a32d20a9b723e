package dev.keel.api.apiextensions.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.apiextensions.schema.CustomResourceSchema;
import dev.keel.api.codec.FieldValidation;
import dev.keel.api.codec.ObjectCodec;
import dev.keel.api.objects.ObjectStorage;
import dev.keel.api.objects.StoredObject;
import dev.keel.api.patch.PatchType;
import dev.keel.api.resource.ResourceType;
import dev.keel.api.selector.FieldSelector;
import dev.keel.api.status.ApiException;
import dev.keel.api.status.Statuses;
import dev.keel.api.store.StoredValue;
import dev.keel.api.watch.ChangeEvent;
import dev.keel.api.watch.ChangeListener;
import dev.keel.api.watch.EncodedObject;
import io.fabric8.kubernetes.api.model.StatusCause;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What custom objects do differently from built-in ones, called by the request path at its hook points: the
 * version an object is stored at (conversion {@code None}: only apiVersion changes), the CRD's schema (pruning,
 * defaulting on write and read, validation), the watch source of all versions, and Kubernetes' words for a few
 * refusals. Columns, scale, selectable fields, generation and status live in the kind's registry strategy
 * ({@link CustomKindStrategy}). Every method leaves built-in types alone.
 */
public class CustomResourceHandling {

    private final CustomResourceTypes types;
    private final ObjectStorage storage;
    private final ObjectCodec codec;
    private final CustomResourceSchemas schemas = new CustomResourceSchemas();

    public CustomResourceHandling(CustomResourceTypes types, ObjectStorage storage, ObjectCodec codec) {
        this.types = types;
        this.storage = storage;
        this.codec = codec;
    }

    /**
     * A field selector on a custom kind without selectableFields naming another field than metadata.name and
     * metadata.namespace: 400 in the words of Kubernetes' default field-label conversion (the strategy's selectable
     * fields refuse it too, but with the words of kinds that declare fields).
     */
    public void checkFieldSelector(ResourceType type, String selector) {
        Optional<CustomKind> kind = types.kindOf(type);
        if (kind.isEmpty() || !kind.get().selectableFields().isEmpty() || selector == null || selector.isBlank()) {
            return;
        }
        try {
            FieldSelector.parse(selector, Set.of("metadata.name", "metadata.namespace"));
        } catch (ApiException e) {
            String prefix = "field label not supported: ";
            if (e.getMessage() != null && e.getMessage().startsWith(prefix)) {
                throw Statuses.badRequest("\"" + e.getMessage().substring(prefix.length()) + "\" is not a known field selector: "
                        + "only \"metadata.name\", \"metadata.namespace\"");
            }
            throw e;
        }
    }

    /** 405 for a new object of a kind whose CRD is being deleted, as Kubernetes refuses it. */
    public void checkCreate(ResourceType type) {
        Optional<CustomKind> kind = types.kindOf(type);
        if (kind.isPresent() && types.terminating(kind.get())) {
            throw new ApiException(new io.fabric8.kubernetes.api.model.StatusBuilder().withApiVersion("v1").withKind("Status")
                    .withMetadata(new io.fabric8.kubernetes.api.model.ListMeta()).withStatus("Failure").withCode(405)
                    .withReason("MethodNotAllowed")
                    .withMessage("create not allowed while custom resource definition is terminating").build());
        }
    }

    public boolean isCustom(ResourceType type) {
        return types.kindOf(type).isPresent();
    }

    // ---- reads ----

    /** A stored object as read at {@code type}'s version, with the schema's defaults. */
    public StoredObject forRead(ResourceType type, StoredObject stored) {
        Optional<CustomKind> kind = types.kindOf(type);
        if (kind.isEmpty()) {
            return stored;
        }
        ObjectNode object = stored.object().deepCopy();
        toVersion(kind.get(), object);
        ObjectNode metadata = object.withObjectProperty("metadata");
        metadata.remove("resourceVersion");
        return storage.decode(new StoredValue(stored.key(), codec.toJson(object), stored.revision(), 0));
    }

    public List<StoredObject> forRead(ResourceType type, List<StoredObject> stored) {
        if (!isCustom(type)) {
            return stored;
        }
        return stored.stream().map(o -> forRead(type, o)).toList();
    }

    private void toVersion(CustomKind kind, ObjectNode object) {
        object.put("apiVersion", kind.type().apiVersion());
        schemas.of(kind).ifPresent(schema -> schema.applyDefaults(object));
    }

    // ---- writes ----

    /**
     * Refuses (415) a strategic merge patch: custom kinds have no patch strategies, as in Kubernetes.
     */
    public void checkPatchType(ResourceType type, PatchType patchType) {
        if (patchType == PatchType.STRATEGIC_MERGE_PATCH && isCustom(type)) {
            throw Statuses.unsupportedMediaType("application/strategic-merge-patch+json",
                    "application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml");
        }
    }

    /**
     * The write's object as decoded against the schema, before admission: unknown fields pruned (400 under
     * fieldValidation=Strict, a warning under Warn) and defaults applied.
     */
    public void decode(ResourceType type, ObjectNode object, FieldValidation validation, List<String> warnings) {
        Optional<CustomKind> kind = types.kindOf(type);
        if (kind.isEmpty()) {
            return;
        }
        Optional<CustomResourceSchema> schema = schemas.of(kind.get());
        if (schema.isEmpty()) {
            return;
        }
        ObjectNode before = object.deepCopy();
        schema.get().prune(object);
        List<String> unknown = new ArrayList<>();
        removedPaths(before, object, "", unknown);
        if (!unknown.isEmpty()) {
            switch (validation) {
                case STRICT -> throw Statuses.badRequest("strict decoding error: " + String.join(", ",
                        unknown.stream().map(path -> "unknown field \"" + path + "\"").toList()));
                case WARN -> unknown.forEach(path -> warnings.add("unknown field \"" + path + "\""));
                case IGNORE -> {
                }
            }
        }
        schema.get().applyDefaults(object);
    }

    /**
     * After admission, before the object is stored: schema validation (422 with the causes, nothing stored). The
     * generation moves by the kind's strategy ({@link CustomKindStrategy}).
     */
    public void validate(ResourceType type, ObjectNode object, ObjectNode old) {
        Optional<CustomKind> kind = types.kindOf(type);
        if (kind.isEmpty()) {
            return;
        }
        Optional<CustomResourceSchema> schema = schemas.of(kind.get());
        if (schema.isEmpty()) {
            return;
        }
        List<StatusCause> causes = schema.get().validate(object, old);
        if (!causes.isEmpty()) {
            throw Statuses.invalid(type.group(), type.kind(), object.path("metadata").path("name").asText(""), causes);
        }
    }

    /** The object as it is stored: at the CRD's storage version. */
    public ObjectNode forStorage(ResourceType type, ObjectNode object) {
        Optional<CustomKind> kind = types.kindOf(type);
        if (kind.isEmpty()) {
            return object;
        }
        ObjectNode stored = object.deepCopy();
        stored.put("apiVersion", kind.get().storageApiVersion());
        return stored;
    }

    /** Paths (dotted) present in {@code before} and gone from {@code after}. */
    private static void removedPaths(JsonNode before, JsonNode after, String prefix, List<String> out) {
        if (before.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = before.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String path = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
                JsonNode kept = after == null ? null : after.get(field.getKey());
                if (kept == null) {
                    out.add(path);
                } else {
                    removedPaths(field.getValue(), kept, path, out);
                }
            }
        } else if (before.isArray() && after != null && after.isArray()) {
            for (int i = 0; i < before.size() && i < after.size(); i++) {
                removedPaths(before.get(i), after.get(i), prefix + "[" + i + "]", out);
            }
        }
    }

    // ---- watch ----

    /**
     * The type whose store changes the watch hub reports for {@code type}: all versions of a CRD share one key range,
     * which the hub files under the CRD's preferred version.
     */
    public ResourceType watchSource(ResourceType type) {
        return types.kindOf(type).map(kind -> {
            List<CustomKind> versions = types.versionsOf(kind);
            return versions.isEmpty() ? type : versions.get(0).type();
        }).orElse(type);
    }

    /** {@code target}, receiving each change at {@code type}'s version with defaults applied. */
    public ChangeListener watchListener(ResourceType type, ChangeListener target) {
        Optional<CustomKind> kind = types.kindOf(type);
        if (kind.isEmpty()) {
            return target;
        }
        return new ChangeListener() {
            @Override
            public boolean onChange(ChangeEvent event) {
                ObjectNode object = read(event.object());
                ObjectNode previous = event.previous() == null ? null : read(event.previous());
                return target.onChange(new ChangeEvent(event.type(), type, event.namespace(), object, previous,
                        event.revision(), new EncodedObject(object, codec::toJson)));
            }

            private ObjectNode read(ObjectNode stored) {
                ObjectNode object = stored.deepCopy();
                toVersion(kind.get(), object);
                return object;
            }

            @Override
            public void onProgress(long revision) {
                target.onProgress(revision);
            }

            @Override
            public void onClosed(ApiException reason) {
                target.onClosed(reason);
            }
        };
    }
}
