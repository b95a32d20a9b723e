package dev.keel.api.codec;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds and removes the fields a fabric8 model object captured without a matching property.
 *
 * <p>fabric8 classes keep unknown fields in {@code additionalProperties}; Kubernetes drops them on decode
 * (and refuses them under {@code fieldValidation=Strict}), so they must not reach etcd.
 */
final class UnknownFieldCollector {

    private static final String MODEL_PACKAGE = "io.fabric8.kubernetes.api.model";
    /** Types whose content is free-form by design: what they capture is their value, not unknown fields. */
    private static final java.util.Set<String> FREE_FORM = java.util.Set.of(
            "io.fabric8.kubernetes.api.model.FieldsV1",
            "io.fabric8.kubernetes.api.model.runtime.RawExtension",
            "io.fabric8.kubernetes.api.model.AnyType",
            "io.fabric8.kubernetes.api.model.GenericKubernetesResource");

    private final ObjectMapper mapper;
    private final Map<Class<?>, List<BeanPropertyDefinition>> properties = new ConcurrentHashMap<>();

    UnknownFieldCollector(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Removes unknown fields from {@code root} and returns their paths, e.g. {@code spec.template.foo}. */
    List<String> strip(Object root) {
        List<String> found = new ArrayList<>();
        walk(root, "", found, new IdentityHashMap<>());
        return found;
    }

    private void walk(Object value, String path, List<String> found, IdentityHashMap<Object, Boolean> seen) {
        if (value == null || seen.put(value, Boolean.TRUE) != null) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                walk(item, path + "[" + i++ + "]", found, seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                walk(entry.getValue(), path + "[" + entry.getKey() + "]", found, seen);
            }
            return;
        }
        if (!value.getClass().getName().startsWith(MODEL_PACKAGE) || FREE_FORM.contains(value.getClass().getName())) {
            return;
        }
        for (BeanPropertyDefinition property : propertiesOf(value.getClass())) {
            AnnotatedMember accessor = property.getAccessor();
            if (accessor == null) {
                continue;
            }
            Object child = accessor.getValue(value);
            if (property.getName().equals("additionalProperties") || accessor.hasAnnotation(
                    com.fasterxml.jackson.annotation.JsonAnyGetter.class)) {
                if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    for (Object key : extra.keySet()) {
                        found.add(path.isEmpty() ? String.valueOf(key) : path + "." + key);
                    }
                    extra.clear();
                }
                continue;
            }
            walk(child, path.isEmpty() ? property.getName() : path + "." + property.getName(), found, seen);
        }
    }

    private List<BeanPropertyDefinition> propertiesOf(Class<?> type) {
        return properties.computeIfAbsent(type, t -> {
            JavaType javaType = mapper.constructType(t);
            BeanDescription description = mapper.getSerializationConfig().introspect(javaType);
            List<BeanPropertyDefinition> result = new ArrayList<>(description.findProperties());
            AnnotatedMember anyGetter = description.findAnyGetter();
            if (anyGetter != null && result.stream().noneMatch(p -> p.getName().equals("additionalProperties"))) {
                result.add(com.fasterxml.jackson.databind.util.SimpleBeanPropertyDefinition.construct(
                        mapper.getSerializationConfig(), anyGetter));
            }
            return result;
        });
    }
}
