package dev.keel.api.admission.cel;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.NullValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON trees as CEL values: objects become maps, arrays lists, integers {@code int}, other numbers {@code double},
 * JSON null CEL's {@code null}. Everything is declared {@code dyn}, so field selection works on the maps as on
 * Kubernetes' unstructured objects (a missing field is CEL's "no such key" error; {@code has()} tests for it).
 */
public final class CelValues {

    private CelValues() {
    }

    public static Object of(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return NullValue.NULL_VALUE;
        }
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                map.put(field.getKey(), of(field.getValue()));
            }
            return Collections.unmodifiableMap(map);
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            node.forEach(item -> list.add(of(item)));
            return Collections.unmodifiableList(list);
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            // Not a ?: expression: its numeric promotion would turn every long into a double.
            if (node.canConvertToLong()) {
                return Long.valueOf(node.longValue());
            }
            return Double.valueOf(node.doubleValue());
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        return node.asText();
    }

    /** Whether a CEL value is null. */
    public static boolean isNull(Object value) {
        return value == null || value == NullValue.NULL_VALUE;
    }
}
