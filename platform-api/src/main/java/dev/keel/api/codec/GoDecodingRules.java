package dev.keel.api.codec;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.keel.api.status.Statuses;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What Kubernetes' Go decoder does with a JSON tree that Jackson alone would not: a JSON null becomes the Go zero
 * value of its field (an absent field, {@code ""} in a map of strings or a list of strings, an empty object in a list
 * of structs), so no null is ever stored; {@code []byte} fields (Secret data, ConfigMap binaryData) must be valid
 * standard base64; and {@code metav1.Time} fields must parse as RFC 3339. Runs on a request's tree before it is
 * converted to its fabric8 model class.
 */
final class GoDecodingRules {

    private static final String MODEL_PACKAGE = "io.fabric8.kubernetes.api.model";
    /** Free-form types keep what they hold, nulls included (as Kubernetes keeps RawExtension bytes). */
    private static final Set<String> FREE_FORM = Set.of(
            "io.fabric8.kubernetes.api.model.FieldsV1",
            "io.fabric8.kubernetes.api.model.runtime.RawExtension",
            "io.fabric8.kubernetes.api.model.AnyType",
            "io.fabric8.kubernetes.api.model.GenericKubernetesResource");
    /** Fields that are {@code map[string][]byte} in Go, by the simple name of the type that holds them. */
    private static final Map<String, Set<String>> BYTE_MAPS = Map.of(
            "Secret", Set.of("data"),
            "ConfigMap", Set.of("binaryData"));
    /** Fields that are {@code metav1.Time} in Go but strings in fabric8. */
    private static final Map<String, Set<String>> TIMES = Map.of(
            "ObjectMeta", Set.of("creationTimestamp", "deletionTimestamp"));

    private final ObjectMapper mapper;
    private final Map<Class<?>, Map<String, JavaType>> properties = new ConcurrentHashMap<>();
    private final Map<Class<?>, Set<String>> typeDefaults = new ConcurrentHashMap<>();

    GoDecodingRules(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * Applies the rules to {@code tree} (changed in place) as a {@code type}.
     *
     * @throws dev.keel.api.status.ApiException 400 naming the field when a value cannot be decoded
     */
    void apply(JsonNode tree, Class<?> type, String kindForMessages, String version) {
        try {
            walk(tree, mapper.constructType(type), "");
        } catch (IllegalArgumentException e) {
            throw Statuses.badRequest(kindForMessages + " in version \"" + version + "\" cannot be handled as a "
                    + kindForMessages + ": " + e.getMessage());
        }
    }

    /** Returns the node to keep in place of {@code node} (itself, unless it must be replaced). */
    private JsonNode walk(JsonNode node, JavaType type, String path) {
        if (node == null || node.isNull() || type == null) {
            return node;
        }
        Class<?> raw = type.getRawClass();
        if (type.isMapLikeType() && node instanceof ObjectNode map) {
            JavaType values = type.getContentType();
            for (Iterator<Map.Entry<String, JsonNode>> entries = map.fields(); entries.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = entries.next();
                JsonNode value = entry.getValue();
                JsonNode replaced = value.isNull() ? zero(values) : walk(value, values, path + "." + entry.getKey());
                if (replaced == null) {
                    entries.remove();
                } else if (replaced != value) {
                    entry.setValue(replaced);
                }
            }
            return node;
        }
        if (type.isCollectionLikeType() && node instanceof ArrayNode list) {
            JavaType items = type.getContentType();
            for (int i = 0; i < list.size(); i++) {
                JsonNode item = list.get(i);
                JsonNode replaced = item.isNull() ? zero(items) : walk(item, items, path + "[" + i + "]");
                if (replaced == null) {
                    // Go keeps a nil slice item as null; no zero value here stands for it, so it is refused.
                    throw new IllegalArgumentException(path + "[" + i + "]: a list item may not be null");
                }
                if (replaced != item) {
                    list.set(i, replaced);
                }
            }
            return node;
        }
        if (node instanceof ObjectNode object && isModel(raw)) {
            Map<String, JavaType> fields = propertiesOf(type);
            String owner = raw.getSimpleName();
            if (!path.isEmpty() && raw == io.fabric8.kubernetes.api.model.OwnerReference.class) {
                // fabric8 gives an OwnerReference a default apiVersion (v1) and kind (OwnerReference); Go leaves what
                // the client left out empty, and validation must see it so.
                for (String field : typeDefaultsOf(raw)) {
                    if (!object.has(field)) {
                        object.put(field, "");
                    }
                }
            }
            List<String> nulls = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> entries = object.fields(); entries.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = entries.next();
                String name = entry.getKey();
                JsonNode value = entry.getValue();
                JavaType fieldType = fields.get(name);
                if (fieldType == null) {
                    continue; // an unknown field: dropped or refused later, by field validation
                }
                String fieldPath = path.isEmpty() ? name : path + "." + name;
                if (value.isNull()) {
                    nulls.add(name);
                    continue;
                }
                if (BYTE_MAPS.getOrDefault(owner, Set.of()).contains(name)) {
                    checkBase64Values(value, fieldPath);
                }
                if (TIMES.getOrDefault(owner, Set.of()).contains(name)) {
                    checkTime(value, fieldPath);
                }
                JsonNode replaced = walk(value, fieldType, fieldPath);
                if (replaced != value) {
                    entry.setValue(replaced);
                }
            }
            // A null field is Go's zero value: for every field Kubernetes serializes, that is an absent field.
            nulls.forEach(object::remove);
        }
        return node;
    }

    private static boolean isModel(Class<?> type) {
        return type.getName().startsWith(MODEL_PACKAGE) && !FREE_FORM.contains(type.getName());
    }

    /** The zero value Go decodes a null into, as JSON; null where none can be written (the item is dropped). */
    private static JsonNode zero(JavaType type) {
        if (type == null) {
            return null;
        }
        Class<?> raw = type.getRawClass();
        if (raw == String.class) {
            return TextNode.valueOf("");
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return BooleanNode.FALSE;
        }
        if (raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class
                || raw == Short.class || raw == IntOrString.class) {
            return IntNode.valueOf(0);
        }
        if (raw == Double.class || raw == double.class || raw == Float.class || raw == float.class) {
            return DoubleNode.valueOf(0);
        }
        if (raw == Quantity.class) {
            return TextNode.valueOf("0");
        }
        if (type.isMapLikeType() || isModel(raw)) {
            return JsonNodeFactory.instance.objectNode();
        }
        return null;
    }

    private static void checkBase64Values(JsonNode map, String path) {
        if (!map.isObject()) {
            return; // the wrong JSON type is reported by the conversion, naming the field
        }
        for (Iterator<Map.Entry<String, JsonNode>> entries = map.fields(); entries.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = entries.next();
            if (entry.getValue().isTextual()) {
                int bad = invalidBase64At(entry.getValue().asText());
                if (bad >= 0) {
                    throw new IllegalArgumentException("illegal base64 data at input byte " + bad + " (" + path + "["
                            + entry.getKey() + "])");
                }
            }
        }
    }

    /**
     * Where Go's {@code base64.StdEncoding} stops decoding {@code text} (it skips CR and LF and requires padding),
     * or -1 when it decodes.
     */
    static int invalidBase64At(String text) {
        String data = text.replace("\r", "").replace("\n", "");
        int length = data.length();
        for (int i = 0; i < length; i++) {
            char c = data.charAt(i);
            boolean alphabet = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/';
            boolean padding = c == '=' && length % 4 == 0
                    && (i == length - 1 || i == length - 2 && data.charAt(length - 1) == '=');
            if (!alphabet && !padding) {
                return i;
            }
        }
        return length % 4 == 0 ? -1 : length - length % 4;
    }

    private static void checkTime(JsonNode value, String path) {
        if (!value.isTextual()) {
            return;
        }
        String text = value.asText();
        try {
            OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(path + ": parsing time \"" + text + "\" as \"2006-01-02T15:04:05Z07:00\": "
                    + "cannot parse \"" + text + "\" as RFC 3339");
        }
    }

    /** The apiVersion and kind a fabric8 class fills in when the JSON has none. */
    private Set<String> typeDefaultsOf(Class<?> type) {
        return typeDefaults.computeIfAbsent(type, raw -> {
            try {
                JsonNode defaults = mapper.valueToTree(mapper.treeToValue(JsonNodeFactory.instance.objectNode(), raw));
                Set<String> found = new java.util.HashSet<>();
                for (String field : List.of("apiVersion", "kind")) {
                    if (defaults.path(field).isTextual() && !defaults.path(field).asText().isEmpty()) {
                        found.add(field);
                    }
                }
                return Set.copyOf(found);
            } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
                return Set.of();
            }
        });
    }

    private Map<String, JavaType> propertiesOf(JavaType type) {
        return properties.computeIfAbsent(type.getRawClass(), raw -> {
            BeanDescription description = mapper.getDeserializationConfig().introspect(type);
            Map<String, JavaType> result = new HashMap<>();
            for (BeanPropertyDefinition property : description.findProperties()) {
                if (property.hasSetter() || property.hasField() || property.hasConstructorParameter()) {
                    result.put(property.getName(), property.getPrimaryType());
                }
            }
            return result;
        });
    }
}
