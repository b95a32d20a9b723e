package dev.keel.api.openapi;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.AnyType;
import io.fabric8.kubernetes.api.model.Duration;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.Quantity;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.TemporalAccessor;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Builds OpenAPI schemas for fabric8 model classes from the properties Jackson sees on them, so the schema
 * names exactly the JSON fields the server reads and writes. Each class becomes one named definition;
 * fields refer to other definitions by {@code $ref}.
 */
public final class ModelSchemaGenerator {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** apiextensions' JSON-schema union types, which Kubernetes describes without a type. */
    private static final java.util.Set<String> OPAQUE_SCHEMA_TYPES =
            java.util.Set.of("JSONSchemaPropsOrBool", "JSONSchemaPropsOrArray", "JSONSchemaPropsOrStringArray", "JSON");

    /**
     * fabric8 types timestamps as plain strings; Kubernetes' names for them end so (creationTimestamp,
     * lastTransitionTime, startedAt...), and the schema should say date-time.
     */
    private static final Pattern TIME_FIELD = Pattern.compile(".*(Timestamp|Time)|startedAt|finishedAt|time|timeAdded");

    private final SchemaDialect dialect;
    private final ObjectMapper mapper = JsonMapper.builder().build();
    private final Map<String, Class<?>> sources = new HashMap<>();
    private final SortedMap<String, ObjectNode> definitions = new TreeMap<>();

    public ModelSchemaGenerator(SchemaDialect dialect) {
        this.dialect = dialect;
    }

    /** Adds the definition of {@code type} and of every type it refers to; returns its name. */
    public String define(Class<?> type) {
        String name = DefinitionNames.of(type);
        Class<?> known = sources.putIfAbsent(name, type);
        if (known != null) {
            if (known != type) {
                throw new IllegalStateException(type.getName() + " and " + known.getName() + " both map to " + name);
            }
            return name;
        }
        definitions.put(name, build(type, name));
        return name;
    }

    /** The definitions made so far, by name; the nodes may still be annotated by the caller. */
    public SortedMap<String, ObjectNode> definitions() {
        return Collections.unmodifiableSortedMap(definitions);
    }

    private ObjectNode build(Class<?> type, String name) {
        if (type == IntOrString.class) {
            return dialect.intOrString();
        }
        if (type == Quantity.class) {
            return dialect.quantity();
        }
        if (type == MicroTime.class) {
            return dateTime();
        }
        if (type == Duration.class) {
            return NODES.objectNode().put("type", "string");
        }
        if (AnyType.class.isAssignableFrom(type)) {
            return dialect.freeForm();
        }
        if (OPAQUE_SCHEMA_TYPES.contains(type.getSimpleName()) && type.getPackageName().endsWith(".apiextensions.v1")) {
            // A schema or a boolean (a list, strings): Kubernetes publishes these with no type at all.
            return NODES.objectNode().put("description", type.getSimpleName() + " holds one of several JSON forms.");
        }
        Map<String, ObjectNode> properties = new LinkedHashMap<>();
        collectProperties(type, name, properties);
        if (properties.isEmpty()) {
            // FieldsV1 and the like: a JSON object whose content the model does not describe.
            return dialect.freeForm();
        }
        ObjectNode schema = dialect.kind();
        List<String> required = RequiredFields.of(name).stream().filter(properties::containsKey).toList();
        if (!required.isEmpty()) {
            ArrayNode list = schema.putArray("required");
            required.forEach(list::add);
        }
        ObjectNode propertyNodes = schema.putObject("properties");
        properties.forEach(propertyNodes::set);
        GroupVersionKind.of(type).ifPresent(gvk -> OpenApiExtensions.setKind(schema, gvk));
        return schema;
    }

    private void collectProperties(Class<?> type, String definition, Map<String, ObjectNode> into) {
        BeanDescription bean = mapper.getSerializationConfig().introspect(mapper.constructType(type));
        for (BeanPropertyDefinition property : bean.findProperties()) {
            AnnotatedMember accessor = property.getAccessor();
            if (accessor == null || accessor.hasAnnotation(JsonAnyGetter.class)) {
                continue;
            }
            if (accessor.hasAnnotation(JsonUnwrapped.class)) {
                collectProperties(property.getPrimaryType().getRawClass(), definition, into);
                continue;
            }
            into.put(property.getName(), withDirective(definition, property.getName(),
                    schemaOf(property.getPrimaryType(), property.getName())));
        }
    }

    private ObjectNode withDirective(String definition, String property, ObjectNode schema) {
        PatchStrategies.Directive directive = PatchStrategies.of(definition, property);
        if (directive == null) {
            return schema;
        }
        ObjectNode extensions = NODES.objectNode();
        if (directive.mergeKey() != null) {
            extensions.put("x-kubernetes-patch-merge-key", directive.mergeKey());
        }
        extensions.put("x-kubernetes-patch-strategy", directive.strategy());
        JsonNode ref = schema.get("$ref");
        if (ref != null) {
            return dialect.refWith(ref.asText().substring(dialect.refPrefix().length()), extensions);
        }
        return schema.setAll(extensions);
    }

    private ObjectNode schemaOf(JavaType type, String propertyName) {
        Class<?> raw = type.getRawClass();
        if (raw == String.class) {
            return propertyName != null && TIME_FIELD.matcher(propertyName).matches()
                    ? dialect.ref(time()) : NODES.objectNode().put("type", "string");
        }
        if (raw == Integer.class || raw == int.class || raw == Short.class || raw == short.class) {
            return NODES.objectNode().put("type", "integer").put("format", "int32");
        }
        if (raw == Long.class || raw == long.class || raw == BigInteger.class) {
            return NODES.objectNode().put("type", "integer").put("format", "int64");
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return NODES.objectNode().put("type", "boolean");
        }
        if (raw == Double.class || raw == double.class || raw == Float.class || raw == float.class
                || raw == BigDecimal.class) {
            return NODES.objectNode().put("type", "number").put("format", "double");
        }
        if (raw == byte[].class) {
            return NODES.objectNode().put("type", "string").put("format", "byte");
        }
        if (TemporalAccessor.class.isAssignableFrom(raw)) {
            // fabric8 types some MicroTime fields (Lease's acquireTime) as ZonedDateTime.
            return dialect.ref(define(MicroTime.class));
        }
        if (raw.isEnum()) {
            return NODES.objectNode().put("type", "string");
        }
        if (type.isCollectionLikeType() || type.isArrayType()) {
            ObjectNode array = NODES.objectNode().put("type", "array");
            array.set("items", schemaOf(type.getContentType(), null));
            return array;
        }
        if (type.isMapLikeType()) {
            if (type.getContentType().getRawClass() == Object.class) {
                return dialect.freeForm();
            }
            ObjectNode map = NODES.objectNode().put("type", "object");
            map.set("additionalProperties", schemaOf(type.getContentType(), null));
            return map;
        }
        if (DefinitionNames.isModel(raw) && !raw.isInterface() && !Modifier.isAbstract(raw.getModifiers())) {
            return dialect.ref(define(raw));
        }
        if (raw == Object.class || JsonNode.class.isAssignableFrom(raw) || DefinitionNames.isModel(raw)) {
            // Object, JsonNode, KubernetesResource: fields that hold any JSON value.
            return dialect.freeForm();
        }
        throw new IllegalStateException("no OpenAPI schema for " + type + " (property " + propertyName + ")");
    }

    private String time() {
        String name = DefinitionNames.TIME;
        if (sources.putIfAbsent(name, String.class) == null) {
            definitions.put(name, dateTime());
        }
        return name;
    }

    private static ObjectNode dateTime() {
        return NODES.objectNode().put("type", "string").put("format", "date-time");
    }
}
