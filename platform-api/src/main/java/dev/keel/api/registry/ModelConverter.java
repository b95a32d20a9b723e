package dev.keel.api.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.codec.FieldValidation;
import dev.keel.api.codec.ObjectCodec;
import dev.keel.api.resource.ResourceType;
import dev.keel.api.rest.DeleteOptions;
import dev.keel.api.status.Statuses;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;

/** Moves objects between JSON trees and fabric8 model classes, applying the request's field validation. */
public class ModelConverter {

    private static final List<String> IDENTITY_FIELDS = List.of("name", "generateName", "namespace", "resourceVersion", "uid");

    private final ObjectCodec codec;

    public ModelConverter(ObjectCodec codec) {
        this.codec = codec;
    }

    /**
     * Checks that the body is the kind the URL names (filling in apiVersion and kind when absent).
     *
     * @throws dev.keel.api.status.ApiException 400 when the body is not an object or names another kind
     */
    public ObjectNode checkKind(JsonNode body, ResourceType type) {
        if (!(body instanceof ObjectNode object)) {
            throw Statuses.badRequest("the body of the request must be a JSON or YAML object, not " + body.getNodeType());
        }
        JsonNode apiVersion = object.get("apiVersion");
        JsonNode kind = object.get("kind");
        if (apiVersion != null && !apiVersion.isNull() && !apiVersion.asText().equals(type.apiVersion())) {
            throw Statuses.badRequest("the API version in the data (" + apiVersion.asText()
                    + ") does not match the expected API version (" + type.apiVersion() + ")");
        }
        if (kind != null && !kind.isNull() && !kind.asText().equals(type.kind())) {
            throw Statuses.badRequest(kind.asText() + " in version \"" + type.version() + "\" cannot be handled as a "
                    + type.kind() + ": the kind in the data (" + kind.asText() + ") does not match the kind the URL names ("
                    + type.kind() + ")");
        }
        object.put("apiVersion", type.apiVersion());
        object.put("kind", type.kind());
        if (object.has("metadata") && !object.get("metadata").isObject() && !object.get("metadata").isNull()) {
            throw Statuses.badRequest(type.kind() + " in version \"" + type.version() + "\" cannot be handled as a "
                    + type.kind() + ": metadata: must be an object");
        }
        // Kubernetes decodes before it reads anything: the metadata the server reads first must have its types.
        JsonNode metadata = object.path("metadata");
        for (String field : IDENTITY_FIELDS) {
            JsonNode value = metadata.get(field);
            if (value != null && !value.isNull() && !value.isTextual()) {
                codec.toModel(object.deepCopy(), type.modelClass(), type.kind(), type.version(), new ArrayList<>());
            }
        }
        codec.applyGoRules(object, type.modelClass(), type.kind(), type.version());
        return object;
    }

    /**
     * Decodes into the kind's model class; unknown fields are refused under Strict and otherwise dropped and
     * reported through {@code warnings}.
     */
    public HasMetadata toModel(ObjectNode tree, ResourceType type, FieldValidation validation, List<String> warnings) {
        List<String> unknown = new ArrayList<>();
        HasMetadata model = codec.toModel(tree, type.modelClass(), type.kind(), type.version(), unknown);
        if (!unknown.isEmpty()) {
            switch (validation) {
                case STRICT -> throw Statuses.badRequest(type.kind() + " in version \"" + type.version()
                        + "\" cannot be handled as a " + type.kind() + ": strict decoding error: "
                        + String.join(", ", unknown.stream().map(path -> "unknown field \"" + path + "\"").toList()));
                case WARN -> unknown.forEach(path -> warnings.add("unknown field \"" + path + "\""));
                case IGNORE -> {
                }
            }
        }
        return model;
    }

    /**
     * Refuses (400, naming the field) an applied configuration whose values have the wrong JSON types, before any
     * merge; its nulls become Go's zero values in place, as when decoding any body.
     */
    public void checkTypes(ObjectNode object, ResourceType type) {
        codec.toModel(object, type.modelClass(), type.kind(), type.version(), new ArrayList<>());
    }

    /** Refuses (400) a DeleteOptions body that is not an object of DeleteOptions' types, as Kubernetes' decoder does. */
    public void checkDeleteOptions(JsonNode body) {
        if (!body.isObject()) {
            throw Statuses.badRequest("json: cannot unmarshal " + body.getNodeType().toString().toLowerCase()
                    + " into Go value of type v1.DeleteOptions");
        }
        codec.toModel(body.deepCopy(), io.fabric8.kubernetes.api.model.DeleteOptions.class, "DeleteOptions", "v1",
                new ArrayList<>());
    }

    /** Decodes an object that was stored by this server. */
    public HasMetadata stored(ObjectNode tree, ResourceType type) {
        return codec.convert(tree, type.modelClass());
    }

    public ObjectNode toTree(HasMetadata model) {
        return codec.toTree(model);
    }
}
