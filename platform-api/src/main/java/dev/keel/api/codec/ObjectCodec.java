package dev.keel.api.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.keel.api.status.Statuses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Reads request bodies (JSON or YAML) and turns them into fabric8 model objects the way Kubernetes'
 * decoder does: no coercion between scalar types, unknown fields dropped or refused, and errors that say
 * which field was wrong.
 */
public class ObjectCodec {

    private final ObjectMapper json;
    /** Request bodies: one JSON value and nothing after it (duplicate fields are found by {@link #duplicateFields}). */
    private final ObjectMapper requestJson;
    private final ObjectMapper yaml;
    private final UnknownFieldCollector unknownFields;
    private final GoDecodingRules goRules;

    public ObjectCodec() {
        this.json = configure(JsonMapper.builder()).build();
        this.requestJson = json.copy().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.yaml = configure(YAMLMapper.builder(new YAMLFactory()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))).build();
        this.unknownFields = new UnknownFieldCollector(json);
        this.goRules = new GoDecodingRules(json);
    }

    private static <M extends ObjectMapper, B extends com.fasterxml.jackson.databind.cfg.MapperBuilder<M, B>> B configure(B builder) {
        return builder
                // fabric8 types a few timestamps (Lease renewTime, MicroTime fields) as java.time values.
                .addModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                // Go never reads a number or a boolean into a string: "cannot unmarshal number into ... of type string".
                .withCoercionConfig(LogicalType.Textual, config -> config
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    public ObjectMapper json() {
        return json;
    }

    /** Parses a body as JSON, or as YAML when {@code yamlBody}; 400 when it is neither. */
    public JsonNode readTree(byte[] body, boolean yamlBody) {
        if (body == null || body.length == 0) {
            throw Statuses.badRequest("the request body is empty");
        }
        try {
            JsonNode tree = (yamlBody ? yaml : requestJson).readTree(body);
            if (tree == null || tree.isMissingNode()) {
                throw Statuses.badRequest("the request body is empty");
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw Statuses.badRequest("the body of the request could not be decoded as " + (yamlBody ? "YAML" : "JSON")
                    + ": " + firstLine(e.getOriginalMessage()) + location(e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Applies Go's decoding rules to a body's tree in place (nulls become zero values, []byte fields must be base64,
     * times must parse) before the server reads or sets anything in it; 400 naming the field otherwise.
     */
    public void applyGoRules(JsonNode tree, Class<?> type, String kindForMessages, String version) {
        goRules.apply(tree, type, kindForMessages, version);
    }

    /** The fields a JSON body names twice in one object (the last one counts), by path; none for YAML. */
    public List<String> duplicateFields(byte[] body, boolean yamlBody) {
        return yamlBody || body == null ? List.of() : DuplicateFields.in(body);
    }

    /**
     * Converts a parsed body into {@code type}. Unknown fields are removed; their paths are returned through
     * {@code unknownFieldPaths}. A value of the wrong type answers 400 naming the field.
     */
    public <T> T toModel(JsonNode tree, Class<T> type, String kindForMessages, String version, List<String> unknownFieldPaths) {
        goRules.apply(tree, type, kindForMessages, version);
        try {
            T model = json.treeToValue(tree, type);
            unknownFieldPaths.addAll(unknownFields.strip(model));
            return model;
        } catch (com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
            throw Statuses.badRequest(kindForMessages + " in version \"" + version + "\" cannot be handled as a "
                    + kindForMessages + ": " + GoDecodeErrors.describe(e, tree));
        } catch (JsonMappingException e) {
            throw Statuses.badRequest(kindForMessages + " in version \"" + version + "\" cannot be handled as a "
                    + kindForMessages + ": " + describe(e));
        } catch (JsonProcessingException e) {
            throw Statuses.badRequest(kindForMessages + " in version \"" + version + "\" cannot be handled as a "
                    + kindForMessages + ": " + firstLine(e.getOriginalMessage()));
        }
    }

    /** Converts a model object already known to be valid, such as one read back from etcd. */
    public <T> T convert(Object value, Class<T> type) {
        return json.convertValue(value, type);
    }

    public ObjectNode toTree(Object model) {
        return json.valueToTree(model);
    }

    public byte[] toJson(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    public byte[] toYaml(Object value) {
        try {
            return yaml.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName() + " as YAML", e);
        }
    }

    public ObjectNode parseStored(byte[] stored) {
        try {
            return (ObjectNode) json.readTree(stored);
        } catch (IOException e) {
            throw new IllegalStateException("stored object is not valid JSON", e);
        }
    }

    private static String describe(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        String what = firstLine(e.getOriginalMessage());
        if (e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            what = "cannot decode the value as " + typeName(mismatch.getTargetType());
        }
        return (path.isEmpty() ? "" : path + ": ") + what;
    }

    private static String typeName(Class<?> type) {
        if (type == Integer.class || type == int.class) {
            return "an integer";
        }
        if (type == Long.class || type == long.class) {
            return "an integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "a boolean";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (java.util.Map.class.isAssignableFrom(type)) {
            return "a map";
        }
        return "an object (" + type.getSimpleName() + ")";
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "invalid input";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
