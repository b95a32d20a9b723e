package dev.keel.api.admission.validation;

import dev.keel.api.admission.FieldErrors;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;

/** Pod tolerations: keys, operators, values and effects. */
public final class TolerationRules {

    public static final List<String> EFFECTS = List.of("NoSchedule", "PreferNoSchedule", "NoExecute");

    private TolerationRules() {
    }

    public static void tolerations(FieldErrors errors, String path, List<Toleration> tolerations) {
        if (tolerations == null) {
            return;
        }
        for (int i = 0; i < tolerations.size(); i++) {
            Toleration toleration = tolerations.get(i);
            String itemPath = path + "[" + i + "]";
            String key = orEmpty(toleration.getKey());
            String operator = orEmpty(toleration.getOperator());
            String value = orEmpty(toleration.getValue());
            String effect = orEmpty(toleration.getEffect());
            if (!key.isEmpty()) {
                errors.invalidEach(itemPath + ".key", key, NameRules.qualifiedName(key));
            } else if (!operator.equals("Exists")) {
                errors.invalid(itemPath + ".operator", operator,
                        "operator must be Exists when `key` is empty, which means \"match all values and all keys\"");
            }
            if (toleration.getTolerationSeconds() != null && !effect.equals("NoExecute")) {
                errors.invalid(itemPath + ".effect", effect, "effect must be 'NoExecute' when `tolerationSeconds` is set");
            }
            switch (operator) {
                case "", "Equal" -> errors.invalidEach(itemPath + ".operator", value, NameRules.labelValue(value));
                case "Exists" -> {
                    if (!value.isEmpty()) {
                        errors.invalid(itemPath + ".operator", value, "value must be empty when `operator` is 'Exists'");
                    }
                }
                default -> errors.notSupported(itemPath + ".operator", operator, List.of("Equal", "Exists"));
            }
            if (!effect.isEmpty() && !EFFECTS.contains(effect)) {
                errors.notSupported(itemPath + ".effect", effect, EFFECTS);
            }
        }
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
