package dev.keel.scheduler.plugins.selectors;

import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.List;
import java.util.Map;

/**
 * metav1.LabelSelector matching for the plugins: platform-runtime's {@link dev.keel.runtime.objects.LabelSelectors},
 * the one place the rule (and its handling of nulls) lives.
 */
public final class LabelSelectors {

    private LabelSelectors() {
    }

    /** A null selector matches nothing; an empty one matches everything, as in Kubernetes. */
    public static boolean matches(LabelSelector selector, Map<String, String> labels) {
        return dev.keel.runtime.objects.LabelSelectors.matches(selector, labels);
    }

    static boolean matches(String key, String operator, List<String> values, Map<String, String> labels) {
        return dev.keel.runtime.objects.LabelSelectors.matches(key, operator, values, labels);
    }
}
