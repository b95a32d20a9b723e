package dev.keel.api.admission.validation;

import dev.keel.api.admission.FieldErrors;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Rules shared by the workload kinds: selectors, templates that match them, counts and rollout sizes. */
public final class WorkloadRules {

    private WorkloadRules() {
    }

    public static void nonNegative(FieldErrors errors, String path, Number value) {
        if (value != null && value.longValue() < 0) {
            errors.invalid(path, value, "must be greater than or equal to 0");
        }
    }

    /**
     * A required, non-empty selector that the template's labels satisfy.
     *
     * @param kindWord the kind as upstream names it in "empty selector is invalid for ..."
     */
    public static void selector(FieldErrors errors, LabelSelector selector, PodTemplateSpec template, String kindWord) {
        if (selector == null) {
            errors.required("spec.selector", "");
            return;
        }
        LabelSelectors.validate(errors, "spec.selector", selector);
        if (LabelSelectors.isEmpty(selector)) {
            errors.invalid("spec.selector", GoValue.labelSelector(selector), "empty selector is invalid for " + kindWord);
            return;
        }
        templateMatches(errors, selector, template);
    }

    public static void templateMatches(FieldErrors errors, LabelSelector selector, PodTemplateSpec template) {
        Map<String, String> labels = template == null || template.getMetadata() == null ? null : template.getMetadata().getLabels();
        if (!LabelSelectors.matches(selector, labels)) {
            errors.invalid("spec.template.metadata.labels", GoValue.stringMap(labels), "`selector` does not match template `labels`");
        }
    }

    /** Pods of long-running workloads restart forever and have no deadline. */
    public static void alwaysRestarting(FieldErrors errors, PodTemplateSpec template, String kindForDeadline) {
        if (template == null || template.getSpec() == null) {
            return;
        }
        String restartPolicy = template.getSpec().getRestartPolicy();
        if (!"Always".equals(restartPolicy)) {
            errors.notSupported("spec.template.spec.restartPolicy", restartPolicy == null ? "" : restartPolicy, List.of("Always"));
        }
        if (template.getSpec().getActiveDeadlineSeconds() != null) {
            errors.forbidden("spec.template.spec.activeDeadlineSeconds", "activeDeadlineSeconds in " + kindForDeadline + " is not Supported");
        }
    }

    public static void immutableSelector(FieldErrors errors, LabelSelector updated, LabelSelector old) {
        if (!Objects.equals(normalized(updated), normalized(old))) {
            errors.invalid("spec.selector", GoValue.labelSelector(updated), "field is immutable");
        }
    }

    /** A count or percentage such as maxSurge: a non-negative integer or "N%". */
    public static void intOrPercent(FieldErrors errors, String path, IntOrString value) {
        if (value == null) {
            return;
        }
        if (value.getStrVal() != null) {
            errors.invalidEach(path, GoValue.intOrString(value), NameRules.percent(value.getStrVal()));
        } else if (value.getIntVal() != null && value.getIntVal() < 0) {
            errors.invalid(path, value.getIntVal(), "must be greater than or equal to 0");
        }
    }

    public static void notMoreThan100Percent(FieldErrors errors, String path, IntOrString value) {
        Integer percent = percent(value);
        if (percent != null && percent > 100) {
            errors.invalid(path, GoValue.intOrString(value), "must not be greater than 100%");
        }
    }

    /** The number in an int-or-percent: the integer, or the percentage without its sign; 0 when unreadable. */
    public static int amount(IntOrString value) {
        if (value == null) {
            return 0;
        }
        Integer percent = percent(value);
        if (percent != null) {
            return percent;
        }
        if (value.getIntVal() != null) {
            return value.getIntVal();
        }
        try {
            return Integer.parseInt(value.getStrVal());
        } catch (NumberFormatException notANumber) {
            return 0;
        }
    }

    private static Integer percent(IntOrString value) {
        if (value == null || value.getStrVal() == null || !NameRules.percent(value.getStrVal()).isEmpty()) {
            return null;
        }
        String digits = value.getStrVal().substring(0, value.getStrVal().length() - 1);
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException tooLarge) {
            return Integer.MAX_VALUE;
        }
    }

    /** Selectors compared as sets of terms: an absent map and an empty one mean the same. */
    private static Object normalized(LabelSelector selector) {
        if (selector == null) {
            return null;
        }
        Map<String, String> labels = selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
        List<?> expressions = selector.getMatchExpressions() == null ? List.of() : selector.getMatchExpressions();
        return List.of(new HashMap<>(labels), new ArrayList<>(expressions));
    }
}
