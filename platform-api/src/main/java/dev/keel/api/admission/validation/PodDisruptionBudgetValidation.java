package dev.keel.api.admission.validation;

import dev.keel.api.admission.AdmissionRequest;
import dev.keel.api.admission.FieldErrors;
import dev.keel.api.admission.ValidatingAdmission;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetSpec;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetStatus;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * policy/v1 PodDisruptionBudgets as Kubernetes' policy validation checks them: minAvailable or maxUnavailable (not
 * both), each a non-negative integer or a percentage of at most 100%, a valid selector, a known unhealthy pod
 * eviction policy; status counts written through {@code status} are never negative.
 */
@Component
public class PodDisruptionBudgetValidation implements ValidatingAdmission {

    static final List<String> EVICTION_POLICIES = List.of("AlwaysAllow", "IfHealthyBudget");

    @Override
    public void validate(AdmissionRequest request, FieldErrors errors) {
        if (!request.type().kind().equals("PodDisruptionBudget") || !(request.object() instanceof PodDisruptionBudget budget)) {
            return;
        }
        if ("status".equals(request.subresource())) {
            status(errors, budget.getStatus());
            return;
        }
        if (request.subresource() == null) {
            spec(errors, budget.getSpec() == null ? new PodDisruptionBudgetSpec() : budget.getSpec());
        }
    }

    private static void spec(FieldErrors errors, PodDisruptionBudgetSpec spec) {
        if (spec.getMinAvailable() != null && spec.getMaxUnavailable() != null) {
            errors.invalid("spec", goSpec(spec), "minAvailable and maxUnavailable cannot be both set");
        }
        count(errors, "spec.minAvailable", spec.getMinAvailable());
        count(errors, "spec.maxUnavailable", spec.getMaxUnavailable());
        LabelSelectors.validate(errors, "spec.selector", spec.getSelector());
        String policy = spec.getUnhealthyPodEvictionPolicy();
        if (policy != null && !EVICTION_POLICIES.contains(policy)) {
            errors.notSupported("spec.unhealthyPodEvictionPolicy", policy, EVICTION_POLICIES);
        }
    }

    private static void count(FieldErrors errors, String path, IntOrString value) {
        WorkloadRules.intOrPercent(errors, path, value);
        WorkloadRules.notMoreThan100Percent(errors, path, value);
    }

    private static void status(FieldErrors errors, PodDisruptionBudgetStatus status) {
        if (status == null) {
            return;
        }
        WorkloadRules.nonNegative(errors, "status.disruptionsAllowed", status.getDisruptionsAllowed());
        WorkloadRules.nonNegative(errors, "status.currentHealthy", status.getCurrentHealthy());
        WorkloadRules.nonNegative(errors, "status.desiredHealthy", status.getDesiredHealthy());
        WorkloadRules.nonNegative(errors, "status.expectedPods", status.getExpectedPods());
    }

    /** The spec as Go's {@code %#v} prints it in this message, pointers shown by what they point to. */
    private static GoValue goSpec(PodDisruptionBudgetSpec spec) {
        String policy = spec.getUnhealthyPodEvictionPolicy();
        return new GoValue("policy.PodDisruptionBudgetSpec{MinAvailable:&" + GoValue.intOrString(spec.getMinAvailable())
                + ", Selector:" + (spec.getSelector() == null ? "(*v1.LabelSelector)(nil)" : "&" + GoValue.labelSelector(spec.getSelector()))
                + ", MaxUnavailable:&" + GoValue.intOrString(spec.getMaxUnavailable())
                + ", UnhealthyPodEvictionPolicy:" + (policy == null ? "(*policy.UnhealthyPodEvictionPolicyType)(nil)" : GoValue.quote(policy))
                + "}");
    }
}
