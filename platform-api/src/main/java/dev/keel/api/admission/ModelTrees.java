package dev.keel.api.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * fabric8 model objects as JSON trees: for questions the models answer badly, such as "which of these
 * thirty optional fields is set" or "do these two specs differ, and where".
 */
public final class ModelTrees {

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private ModelTrees() {
    }

    public static JsonNode tree(Object model) {
        return model == null ? MAPPER.nullNode() : MAPPER.valueToTree(model);
    }

    /** A deep copy, so checks can blank out the fields an update may change without touching the request. */
    @SuppressWarnings("unchecked")
    public static <T> T copy(T model) {
        return model == null ? null : (T) MAPPER.convertValue(model, model.getClass());
    }

    /** Field names set on {@code model} (serialized non-empty), apart from {@code ignored}. */
    public static List<String> setFields(Object model, String... ignored) {
        List<String> names = new ArrayList<>();
        Set<String> skip = Set.of(ignored);
        tree(model).fieldNames().forEachRemaining(name -> {
            if (!skip.contains(name)) {
                names.add(name);
            }
        });
        return names;
    }
}
