package dev.keel.api.admission.cel;

import dev.keel.api.admission.AdmissionRequest;
import dev.keel.api.admission.MutatingAdmission;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchResources;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.NamedRuleWithOperations;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import java.util.List;

/**
 * Kubernetes' defaults of admissionregistration.k8s.io/v1 policies and bindings: failurePolicy Fail; in match
 * resources matchPolicy Equivalent, empty (match-all) namespace and object selectors, rule scope {@code *}.
 */
public class PolicyDefaulting implements MutatingAdmission {

    @Override
    public void mutate(AdmissionRequest request) {
        if (request.isKind("ValidatingAdmissionPolicy") && request.object() instanceof ValidatingAdmissionPolicy policy
                && policy.getSpec() != null) {
            if (policy.getSpec().getFailurePolicy() == null) {
                policy.getSpec().setFailurePolicy("Fail");
            }
            defaults(policy.getSpec().getMatchConstraints());
        } else if (request.isKind("ValidatingAdmissionPolicyBinding")
                && request.object() instanceof ValidatingAdmissionPolicyBinding binding && binding.getSpec() != null) {
            defaults(binding.getSpec().getMatchResources());
        }
    }

    private static void defaults(MatchResources match) {
        if (match == null) {
            return;
        }
        if (match.getMatchPolicy() == null) {
            match.setMatchPolicy("Equivalent");
        }
        if (match.getNamespaceSelector() == null) {
            match.setNamespaceSelector(new LabelSelector());
        }
        if (match.getObjectSelector() == null) {
            match.setObjectSelector(new LabelSelector());
        }
        scopes(match.getResourceRules());
        scopes(match.getExcludeResourceRules());
    }

    private static void scopes(List<NamedRuleWithOperations> rules) {
        if (rules == null) {
            return;
        }
        for (NamedRuleWithOperations rule : rules) {
            if (rule != null && rule.getScope() == null) {
                rule.setScope("*");
            }
        }
    }
}
