package dev.keel.api.admission.validation;

import dev.keel.api.admission.FieldErrors;
import java.util.Map;
import java.util.Objects;

/** Rules shared by ConfigMaps and Secrets: key syntax and the {@code immutable} flag. */
public final class StoredDataRules {

    /** Upstream's size limit for the data of one ConfigMap or Secret. */
    public static final int MAX_BYTES = 1024 * 1024;

    private StoredDataRules() {
    }

    public static void keys(FieldErrors errors, String field, Map<String, ?> data) {
        if (data == null) {
            return;
        }
        for (String key : data.keySet()) {
            errors.invalidEach(field + "[" + key + "]", key, NameRules.configMapKey(key));
        }
    }

    /** Once {@code immutable} is true, neither it nor the data may change. */
    public static void immutability(FieldErrors errors, Boolean oldImmutable, Boolean newImmutable, Object oldData, Object newData,
            Object oldBinary, Object newBinary, String binaryField) {
        if (!Boolean.TRUE.equals(oldImmutable)) {
            return;
        }
        if (!Boolean.TRUE.equals(newImmutable)) {
            errors.forbidden("immutable", "field is immutable when `immutable` is set");
        }
        if (!Objects.equals(emptyToNull(oldData), emptyToNull(newData))) {
            errors.forbidden("data", "field is immutable when `immutable` is set");
        }
        if (!Objects.equals(emptyToNull(oldBinary), emptyToNull(newBinary))) {
            errors.forbidden(binaryField, "field is immutable when `immutable` is set");
        }
    }

    private static Object emptyToNull(Object data) {
        return data instanceof Map<?, ?> map && map.isEmpty() ? null : data;
    }
}
