package dev.keel.api.codec;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Words a value of the wrong JSON type as Go's encoding/json does in kube-apiserver's answers, e.g.
 * {@code json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string}: the struct
 * that holds the field, the field's path without list indices or map keys, and the Go type expected.
 */
final class GoDecodeErrors {

    private GoDecodeErrors() {
    }

    /** The message for {@code e} raised while converting {@code tree}; null when it is not a type mismatch. */
    static String describe(MismatchedInputException e, JsonNode tree) {
        List<JsonMappingException.Reference> path = e.getPath();
        JsonNode value = tree;
        String owner = null;
        StringBuilder fieldPath = new StringBuilder();
        for (JsonMappingException.Reference reference : path) {
            Object from = reference.getFrom();
            Class<?> fromType = from instanceof Class<?> type ? type : from == null ? null : from.getClass();
            if (reference.getFieldName() != null) {
                value = value == null ? null : value.get(reference.getFieldName());
                boolean mapKey = fromType != null && Map.class.isAssignableFrom(fromType);
                if (!mapKey) {
                    owner = fromType == null ? owner : fromType.getSimpleName();
                    if (!fieldPath.isEmpty()) {
                        fieldPath.append('.');
                    }
                    fieldPath.append(reference.getFieldName());
                }
            } else if (reference.getIndex() >= 0) {
                value = value == null ? null : value.get(reference.getIndex());
            }
        }
        String target = goType(e.getTargetType());
        String found = jsonKind(value);
        if (owner == null || fieldPath.isEmpty()) {
            return "json: cannot unmarshal " + found + " into Go value of type " + target;
        }
        return "json: cannot unmarshal " + found + " into Go struct field " + owner + "." + fieldPath + " of type " + target;
    }

    private static String jsonKind(JsonNode value) {
        if (value == null) {
            return "value";
        }
        return switch (value.getNodeType()) {
            case NUMBER -> "number";
            case STRING -> "string";
            case BOOLEAN -> "bool";
            case ARRAY -> "array";
            case OBJECT, POJO -> "object";
            default -> "value";
        };
    }

    private static String goType(Class<?> type) {
        if (type == null) {
            return "value";
        }
        if (type == String.class) {
            return "string";
        }
        if (type == Integer.class || type == int.class) {
            return "int32";
        }
        if (type == Long.class || type == long.class) {
            return "int64";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "bool";
        }
        if (type == Double.class || type == double.class || type == Float.class || type == float.class) {
            return "float64";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "[]value";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "map[string]string";
        }
        return "v1." + type.getSimpleName();
    }
}
