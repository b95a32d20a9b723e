package dev.keel.api.admission.webhook;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

/**
 * Copies every field of one model object onto another of the same class: mutating plugins must change the
 * request's object in place, and a patched object arrives as a new one.
 */
final class ModelCopy {

    private ModelCopy() {
    }

    static <T> void into(T target, T source) {
        if (target.getClass() != source.getClass()) {
            throw new IllegalArgumentException("cannot copy a " + source.getClass().getName() + " onto a "
                    + target.getClass().getName());
        }
        for (Class<?> type = target.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                try {
                    field.setAccessible(true);
                    field.set(target, field.get(source));
                } catch (IllegalAccessException | RuntimeException e) {
                    throw new IllegalStateException("cannot copy field " + field.getName() + " of " + type.getName(), e);
                }
            }
        }
    }
}
